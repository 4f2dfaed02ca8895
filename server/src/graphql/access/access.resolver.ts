import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Role } from "../../entities/api-token.entity.js";
import { RoleEnum } from "../common/enums.js";
import type { GraphQLContext } from "../context.js";

@ObjectType("ApiTokenInfo", { description: "The API token making the request." })
export class ApiTokenInfo {
  @Field({ description: "Label given to the token when it was created." })
  name!: string;

  @Field(() => RoleEnum, { description: "What the token may do." })
  role!: Role;
}

@Resolver()
export class AccessResolver {
  @Authorized()
  @Query(() => ApiTokenInfo, { description: "Who is calling: the token's label and role. Used by the add-in to check a token." })
  me(@Ctx() context: GraphQLContext): ApiTokenInfo {
    return { name: context.principal.name, role: context.principal.role };
  }
}

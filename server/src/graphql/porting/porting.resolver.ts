import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { PortingService } from "../../services/porting.service.js";
import { actorOf } from "../common/actor.js";
import { CAN } from "../common/roles.js";
import type { GraphQLContext } from "../context.js";
import { PortingPriceInput, PortingTariffGridInput } from "./porting.input.js";
import { PortingPriceType, PortingTariffGridType, RioCheckType } from "./porting.type.js";

@Resolver()
export class PortingResolver {
  constructor(private readonly portingService: PortingService) {}

  @Authorized(...CAN.read)
  @Query(() => [PortingTariffGridType], { description: "Every version of the porting tariff grid with its rows, oldest first." })
  portingTariffGrids(): Promise<PortingTariffGridType[]> {
    return this.portingService.grids() as Promise<PortingTariffGridType[]>;
  }

  @Authorized(...CAN.read)
  @Query(() => PortingPriceType, {
    description:
      "Price of a porting request with the grid in force on its request date, one line per number kind. Invalid or duplicate numbers, and kinds the grid has no row for, are BAD_USER_INPUT naming numbers[i].",
  })
  portingPrice(@Arg("input", () => PortingPriceInput, { description: "The request to price." }) input: PortingPriceInput) {
    return this.portingService.price(input);
  }

  @Authorized(...CAN.read)
  @Query(() => RioCheckType, {
    description:
      "Checks a RIO against the number it is for (SPEC section 5). Never an error: a malformed input is valid=false with the reason.",
  })
  rioCheck(
    @Arg("rio", { description: "The 12-character RIO, spaces and case tolerated." }) rio: string,
    @Arg("number", { description: "The French number the RIO is for (+33… or 0…)." }) number: string,
  ): RioCheckType {
    return this.portingService.checkRio(rio, number);
  }

  @Authorized(...CAN.administer)
  @Mutation(() => PortingTariffGridType, {
    description:
      "Stores a new version of the porting tariff grid (admin only); a grid already in force on the same date is refused.",
  })
  createPortingTariffGrid(
    @Arg("input", () => PortingTariffGridInput, { description: "The grid: effective date and rows." })
    input: PortingTariffGridInput,
    @Ctx() context: GraphQLContext,
  ) {
    return this.portingService.createGrid(actorOf(context), input) as Promise<PortingTariffGridType>;
  }
}

import "reflect-metadata";
import type { ContainerType } from "type-graphql";
import type { Services } from "../services/index.js";

type Class = abstract new (...args: never[]) => unknown;

/**
 * type-graphql's container (its `container` option, as in its `using-container` example): it
 * builds each resolver once, giving its constructor the services it names by their class, e.g.
 * `constructor(private readonly quotes: QuoteService)`. The classes come from the constructor's
 * `design:paramtypes` (emitDecoratorMetadata), so an import used there must be a value import,
 * not `import type`. A parameter whose type is not one of the services' classes (an interface such
 * as AppConfig) names the service bag's property with `@Inject("config")`.
 */
export class ServiceContainer implements ContainerType {
  private readonly byClass = new Map<unknown, unknown>();
  private readonly instances = new Map<unknown, unknown>();

  constructor(private readonly services: Services) {
    for (const value of Object.values(services)) {
      if (value !== null && typeof value === "object" && value.constructor !== Object) this.byClass.set(value.constructor, value);
    }
  }

  get(someClass: new (...args: unknown[]) => unknown): unknown {
    let instance = this.instances.get(someClass);
    if (!instance) {
      instance = new someClass(...this.argumentsOf(someClass));
      this.instances.set(someClass, instance);
    }
    return instance;
  }

  private argumentsOf(someClass: Class): unknown[] {
    const types: unknown[] = Reflect.getMetadata("design:paramtypes", someClass) ?? [];
    const named: Record<number, keyof Services> = Reflect.getOwnMetadata(INJECT, someClass) ?? {};
    return types.map((type, index) => {
      const name = named[index];
      const value = name !== undefined ? this.services[name] : this.byClass.get(type);
      if (value === undefined) {
        const asked = name ?? (type as { name?: string } | undefined)?.name ?? "an unknown type";
        throw new Error(`${someClass.name}: constructor parameter ${index} (${String(asked)}) is not a service`);
      }
      return value;
    });
  }
}

const INJECT = Symbol("inject");

/** Gives a constructor parameter the service bag's property of that name (for types that are not classes). */
export function Inject(name: keyof Services): ParameterDecorator {
  return (target, _key, index) => {
    const named: Record<number, keyof Services> = { ...(Reflect.getOwnMetadata(INJECT, target) ?? {}), [index]: name };
    Reflect.defineMetadata(INJECT, named, target);
  };
}

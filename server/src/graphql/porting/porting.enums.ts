import { registerEnumType } from "type-graphql";
import { NUMBER_KINDS, PORTING_DIRECTIONS, PORTING_UNITS, TIER_MODES } from "../../domain/porting-price.js";
import { PORTING_STATUSES } from "../../domain/porting-request.js";
import { enumObject } from "../common/enums.js";

export const PortingDirectionEnum = enumObject(PORTING_DIRECTIONS);
registerEnumType(PortingDirectionEnum, {
  name: "PortingDirection",
  description: "Direction of a number porting; both are billed per the porting tariff grid.",
  valuesConfig: {
    INBOUND: { description: "Porting a number to the provider (a RIO is required for mobile numbers)." },
    OUTBOUND: { description: "Porting a number away from the provider." },
  },
});

export const NumberKindEnum = enumObject(NUMBER_KINDS);
registerEnumType(NumberKindEnum, {
  name: "NumberKind",
  description: "Kind of a French number, derived from its prefix.",
  valuesConfig: {
    GEOGRAPHIC: { description: "Geographic numbers 01 to 05." },
    NON_GEOGRAPHIC: { description: "Non-geographic numbers 09." },
    SPECIAL: { description: "Special-rate numbers 08." },
    MOBILE: { description: "Mobile numbers 06 and 07." },
  },
});

export const PortingUnitEnum = enumObject(PORTING_UNITS);
registerEnumType(PortingUnitEnum, {
  name: "PortingUnit",
  description: "What a grid row counts as one unit.",
  valuesConfig: {
    PER_NUMBER: { description: "Each number is one unit." },
    PER_BLOCK: { description: "Each started block of blockSize numbers is one unit: units = ceil(quantity / blockSize)." },
  },
});

export const TierModeEnum = enumObject(TIER_MODES);
registerEnumType(TierModeEnum, {
  name: "TierMode",
  description: "How quantity tiers price the units of a request.",
  valuesConfig: {
    VOLUME: { description: "Every unit at the price of the tier the total number of units falls in." },
    GRADUATED: { description: "Each unit at the price of its own tier (the first units at the first tier's price, and so on)." },
  },
});

export const PortingStatusEnum = enumObject(PORTING_STATUSES);
registerEnumType(PortingStatusEnum, {
  name: "PortingStatus",
  description: "Where a porting request stands: REQUESTED → SCHEDULED → COMPLETED, or REJECTED / CANCELLED before completion.",
  valuesConfig: {
    REQUESTED: { description: "Created by signing the quote; planned for the legal deadline." },
    SCHEDULED: { description: "A date was agreed (plannedOn)." },
    COMPLETED: { description: "The number was ported (completedOn)." },
    REJECTED: { description: "The operator refused it (rejectionReason)." },
    CANCELLED: { description: "Withdrawn before completion." },
  },
});

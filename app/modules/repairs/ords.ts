import type { RepairKind, RepairOutcome } from "./tables";

/**
 * The Open Repair Data Standard (ORDS v0.3, openrepair.org): product categories, repair status and
 * repair barriers, spelled exactly as the standard does, so our export can be pooled with other
 * repair groups' data.
 */
export const ordsProductCategories = [
  "Aircon/dehumidifier",
  "Battery/charger/adapter",
  "Decorative or safety lights",
  "Desktop computer",
  "Digital compact camera",
  "DSLR/video camera",
  "Fan",
  "Flat screen",
  "Hair & beauty item",
  "Handheld entertainment device",
  "Headphones",
  "Hi-Fi integrated",
  "Hi-Fi separates",
  "Kettle",
  "Lamp",
  "Laptop",
  "Large home electrical",
  "Misc",
  "Mobile",
  "Musical instrument",
  "Paper shredder",
  "PC accessory",
  "Portable radio",
  "Power tool",
  "Printer/scanner",
  "Projector",
  "Sewing machine",
  "Small home electrical",
  "Small kitchen item",
  "Tablet",
  "Toaster",
  "Toy",
  "TV and gaming-related accessories",
  "Vacuum",
  "Watch/clock",
  "Coffee maker",
  "Food processor",
  "Games console",
  "Hair dryer",
  "Iron",
] as const;
export type OrdsProductCategory = (typeof ordsProductCategories)[number];

/** The standard's id of a category is its place in the list, from 1. */
export const ordsCategoryId = (category: string): number | null => {
  const index = (ordsProductCategories as readonly string[]).indexOf(category);
  return index < 0 ? null : index + 1;
};

export const ordsRepairBarriers = [
  "Spare parts not available",
  "Spare parts too expensive",
  "No way to open product",
  "Repair information not available",
  "Lack of equipment",
  "Product too worn out",
] as const;
export type OrdsRepairBarrier = (typeof ordsRepairBarriers)[number];

export const ordsRepairStatus: Record<RepairOutcome, "Fixed" | "Repairable" | "End of life"> = {
  repaired: "Fixed",
  advice_given: "Repairable",
  not_repairable: "End of life",
};

/** ORDS has no category for bicycles, textile or furniture (it is about electrical items): "Misc". */
export const defaultOrdsCategory: Record<RepairKind, OrdsProductCategory> = {
  bicycle: "Misc",
  appliance: "Small home electrical",
  textile: "Misc",
  furniture: "Misc",
  other: "Misc",
};

/** Our own kinds as the "partner product category" of the standard. */
export const partnerCategory: Record<RepairKind, string> = {
  bicycle: "Bicycle",
  appliance: "Appliance",
  textile: "Textile",
  furniture: "Furniture",
  other: "Other",
};

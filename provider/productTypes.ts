/** The app_key platform's product types, by the names the contract uses. */
export type ProductTypeName = "residential" | "residential-ip" | "datacenter-static" | "residential-static";

export const PRODUCT_TYPE_CODES: Record<ProductTypeName, number> = {
  residential: 9,
  "residential-ip": 11,
  "datacenter-static": 14,
  "residential-static": 25,
};

export function productTypeName(code: number): ProductTypeName | undefined {
  return (Object.keys(PRODUCT_TYPE_CODES) as ProductTypeName[]).find((k) => PRODUCT_TYPE_CODES[k] === code);
}

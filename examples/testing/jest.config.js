/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // ts-jest under the tsconfig `pulumi new typescript` writes: its module "nodenext" compiles to CommonJS
  // here, which ts-jest handles, though it warns (TS151002) that it only supports it when not type-checking.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: { ignoreCodes: [151002] } }] },
};

/**
 * The tsconfig.json that `pulumi new typescript` writes (pulumi/templates,
 * typescript/tsconfig.json, as of 2026-08), with `files` left to the caller.
 * `module: nodenext` in a package without `"type": "module"` compiles to
 * CommonJS, so top-level `await` is an error there, as in a user's stack.
 */
export const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "nodenext",
    moduleResolution: "nodenext",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

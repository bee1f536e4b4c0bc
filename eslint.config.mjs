// Lint: typescript-eslint's recommended rules, part of `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".work/**", "coverage/**", "docs/api/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: "readonly", process: "readonly", console: "readonly", __dirname: "readonly", module: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", fetch: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Requiring the compiled package at call time is how the provider closure stays tiny.
      "@typescript-eslint/no-require-imports": "off",
      // Input checks match control characters on purpose, to reject them.
      "no-control-regex": "off",
    },
  },
  {
    // Tests read raw vendor JSON; the engine harness speaks through untyped protobuf classes.
    files: ["test/**/*.ts", "testing/engine/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);

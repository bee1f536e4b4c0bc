/**
 * Every ```ts block of README.md type-checks, as a user would paste it into
 * a stack made by `pulumi new typescript` (that tsconfig: strict, CommonJS
 * through `module: nodenext`, ES2020), against the built package. A block
 * without imports gets the two imports every stack has; the free variables
 * blocks share (`cfg`, `pw`, the accounts) are declared once in a small
 * prelude, typed as the README's own "Install in your stack" block builds
 * them. Blocks whose first line names a file (`// index.test.ts`) are the
 * files of one project, "Testing your stack"'s example, which jest's types
 * are added for (its tests are jest tests); they must be exactly the files
 * of examples/testing, which `npm test` runs.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine/harness/consumer";
import { PULUMI_NEW_TSCONFIG } from "./pulumiNewTsconfig";

const PRELUDE = `import type * as pulumi from "@pulumi/pulumi";
import type * as proxy from "pulumi-proxy-accounts";

declare global {
  /** new pulumi.Config() */
  const cfg: pulumi.Config;
  /** a password from secret config, cfg.requireSecret("...") */
  const pw: pulumi.Output<string>;
  /** accounts built like the README's first block builds \`proxylite\` */
  const proxylite: proxy.AccountInput;
  const p911: proxy.AccountInput;
  const usersapi: proxy.AccountInput;
}
export {};
`;
const STACK_IMPORTS = `import * as pulumi from "@pulumi/pulumi";\nimport * as proxy from "pulumi-proxy-accounts";\n`;

interface Snippet {
  line: number;
  code: string;
}

/** The file a block names on its first line (`// index.ts`), if it does. */
const namedFile = (b: Snippet) => /^\/\/ ([\w.-]+\.(?:ts|js))$/.exec(b.code.split("\n")[0])?.[1];
const EXAMPLE = join(REPO_ROOT, "examples", "testing");

/** The ```ts blocks of a markdown text (or those whose opening fence matches `fence`), with the line each starts on. */
export function tsBlocks(markdown: string, fence = /^```(ts|typescript)\s*$/): Snippet[] {
  const blocks: Snippet[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!fence.test(lines[i])) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^```\s*$/.test(lines[i + 1])) i++;
    blocks.push({ line: start + 1, code: lines.slice(start, i + 1).join("\n") });
    i++;
  }
  return blocks;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ppa-readme-"));
  // The built package and the SDK as a stack's node_modules holds them.
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "pulumi-proxy-accounts"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "@pulumi"), join(dir, "node_modules", "@pulumi"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  // The testing example's jest tests, as a project with jest installed has them.
  symlinkSync(join(REPO_ROOT, "node_modules", "@types", "jest"), join(dir, "node_modules", "@types", "jest"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "stack", private: true }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("every TypeScript block of the README compiles under the `pulumi new typescript` tsconfig", async () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const blocks = tsBlocks(readme);
  // Every opening fence found, and a README's worth of them: few would mean the extraction broke.
  expect(blocks.length).toBe(readme.split("\n").filter((l) => /^```(ts|typescript)\s*$/.test(l)).length);
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  const files = ["prelude.d.ts"];
  writeFileSync(join(dir, "prelude.d.ts"), PRELUDE);
  mkdirSync(join(dir, "example"));
  for (const b of blocks) {
    const named = namedFile(b);
    const file = named ? join("example", named) : `readme-line-${b.line}.ts`;
    const hasImports = /^import /m.test(b.code);
    // `export {}` keeps each block a module of its own, as each would be a stack's index.ts.
    writeFileSync(join(dir, file), `${hasImports ? "" : STACK_IMPORTS}${b.code}\nexport {};\n`);
    files.push(file);
  }
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...PULUMI_NEW_TSCONFIG, compilerOptions: { ...PULUMI_NEW_TSCONFIG.compilerOptions, pretty: false, noEmit: true }, files }));
  const result = await promisify(execFile)(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir], { cwd: dir }).then(
    () => "",
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  // On failure this lists each error as readme-line-<where the block starts>.ts(<line in block + offset>).
  expect(result).toBe("");
});

test("the example of \"Testing your stack\" is examples/testing, file for file", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  // Its jest.config.js is a ```js block.
  const named = [...tsBlocks(readme), ...tsBlocks(readme, /^```js\s*$/)].filter((b) => namedFile(b) !== undefined);
  expect(named.map(namedFile).sort()).toEqual(readdirSync(EXAMPLE).filter((f) => /\.(ts|js)$/.test(f)).sort());
  for (const b of named) {
    const body = b.code.split("\n").slice(1).join("\n");
    expect(body).toBe(readFileSync(join(EXAMPLE, namedFile(b)!), "utf8").trimEnd());
  }
});

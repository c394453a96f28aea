// Reads a JSON array of texts on stdin; prints, for each, jsonc-parser's errors as OpenCode
// parses config ({allowTrailingComma: true}): [[name, offset, length], ...].
const { parse, printParseErrorCode } = require("jsonc-parser");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((text) => {
    const errors = [];
    let value;
    try {
      value = parse(text, errors, { allowTrailingComma: true });
    } catch (e) {
      return { crash: String(e) };
    }
    return { errors: errors.map((e) => [printParseErrorCode(e.error), e.offset, e.length]), value };
  });
  process.stdout.write(JSON.stringify(out));
});

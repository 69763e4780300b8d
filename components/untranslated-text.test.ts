import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A guard against text that bypasses the messages in locales/: whatever the viewer reads or
 * hears in a component must come from `i18n.t`, so that every language shows it.
 */

const componentsDir = import.meta.dirname;

/** Texts with letters that are the same in every language: addresses given as examples. */
const allowed = new Set(['https://', 'https://…#cuecards=…', 'example.com']);

/** Attributes read aloud or shown. */
const spokenAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'placeholder',
  'title',
]);

const hasLetters = (text: string) => /\p{L}/u.test(text);

interface Finding {
  where: string;
  text: string;
}

function sourceFiles(extension: RegExp): string[] {
  return readdirSync(componentsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => extension.test(file) && !file.endsWith('.test.ts'))
    .map((file) => path.join(componentsDir, file));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function whereOf(source: ts.SourceFile, node: ts.Node): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${path.relative(componentsDir, source.fileName)}:${line + 1}`;
}

/** The literal text an expression shows as it is: through ?:, &&, ||, ?? and templates, not calls. */
function literalTexts(expression: ts.Expression): string[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return [expression.text];
  }
  if (ts.isTemplateExpression(expression)) {
    return [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
  }
  if (ts.isParenthesizedExpression(expression)) return literalTexts(expression.expression);
  if (ts.isConditionalExpression(expression)) {
    return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    switch (expression.operatorToken.kind) {
      // The left of `&&` is a condition; comparisons show nothing.
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return literalTexts(expression.right);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.PlusToken:
        return [...literalTexts(expression.left), ...literalTexts(expression.right)];
    }
  }
  return [];
}

/** JSX text, and literal text in JSX children and in spoken attributes. */
function jsxFindings(source: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const report = (node: ts.Node, texts: string[]) => {
    for (const raw of texts) {
      const text = raw.replace(/\s+/g, ' ').trim();
      if (hasLetters(text) && !allowed.has(text)) {
        findings.push({ where: whereOf(source, node), text });
      }
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, [node.text]);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      report(node, literalTexts(node.expression));
    } else if (ts.isJsxAttribute(node) && spokenAttributes.has(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(node, [value.text]);
      if (value && ts.isJsxExpression(value) && value.expression) {
        report(node, literalTexts(value.expression));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Where a string is not for the viewer: message keys, logs, values compared or typed. */
const isQuiet = (node: ts.Node) =>
  (ts.isCallExpression(node) && /^(i18n\.t|console\.\w+)$/.test(node.expression.getText())) ||
  ts.isImportDeclaration(node) ||
  ts.isCaseClause(node) ||
  ts.isLiteralTypeNode(node) ||
  (ts.isBinaryExpression(node) &&
    /^[!=]==?$/.test(ts.tokenToString(node.operatorToken.kind) ?? ''));

/**
 * Sentences in plain code (a toast, a problem, an error): a string that starts with a
 * capitalized word followed by another word. Class names and keys are lowercase or one word.
 */
function sentenceFindings(source: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    if (isQuiet(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (/^\s*\p{Lu}\p{Ll}*\s+\p{L}/u.test(node.text)) {
        findings.push({ where: whereOf(source, node), text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('the components', () => {
  it('show no JSX text or spoken attribute that is not a message', () => {
    const findings = sourceFiles(/\.tsx$/).flatMap((file) => jsxFindings(parse(file)));
    expect(findings).toEqual([]);
  });

  it('build no sentence for the viewer out of a string literal', () => {
    const findings = sourceFiles(/\.tsx?$/).flatMap((file) => sentenceFindings(parse(file)));
    expect(findings).toEqual([]);
  });

  it('are caught when they do', () => {
    const source = ts.createSourceFile(
      'Example.tsx',
      [
        'const a = <button aria-label="Close" title={busy ? "Wait" : i18n.t("common.close")}>',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: component source, parsed and not run.
        '  Save {n ? `${n} more` : "×"}{kind === "Some kind" && "Shown"}</button>;',
        'const b = () => setProblem("Type a site such as example.com.");',
        'const c = <input placeholder="https://" class="icon-button wide" />;',
        'console.error("Cuecards: query failed");',
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    expect(jsxFindings(source).map((finding) => finding.text)).toEqual([
      'Close',
      'Wait',
      'Save',
      'more',
      'Shown',
    ]);
    expect(sentenceFindings(source).map((finding) => finding.text)).toEqual([
      'Type a site such as example.com.',
    ]);
  });
});

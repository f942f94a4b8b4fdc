// Run awesome-lint's own rule set over Markdown files and print every message as JSON.
//
// Why not awesome-lint's CLI: it prints a human report, and it runs `awesome-github`, which
// asks the GitHub API about the git remote. We import awesome-lint's config (config.js's
// `createConfig` fed by rules/index.js's `createRules`, exactly what index.js's `lint` uses
// for a local file), drop the rules we were asked to skip, and run it the way index.js does:
// `remark().use(config).process(readSync(file))`. No rule is reimplemented here.
//
// Usage: node awesome_lint.mjs <dir-holding-node_modules> <skip,rule,ids> <file>...
// Output: JSON on stdout, {version, results: [{file, messages}, ...]} with files in order.
// Linting several files in one process saves node's start-up and module loading per file.

import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import process from 'node:process';
import {pathToFileURL} from 'node:url';

// awesome-github reads the git remote and calls the GitHub API: never run it, whatever the
// caller skips. The stub makes any other attempt at the network fail loudly, not silently.
const ALWAYS_SKIPPED = new Set(['awesome-github']);
globalThis.fetch = () => {
	throw new Error('awesome_lint.mjs: a rule tried to reach the network');
};

const [installDir, skipArg, ...files] = process.argv.slice(2);
const packageDir = path.join(path.resolve(installDir), 'node_modules', 'awesome-lint');
// Resolve awesome-lint's dependencies as awesome-lint itself would, from its own folder.
const requireFromAwesomeLint = createRequire(path.join(packageDir, 'index.js'));
const load = async specifier => import(pathToFileURL(requireFromAwesomeLint.resolve(specifier)).href);

const {createConfig} = await load('./config.js');
const {createRules} = await load('./rules/index.js');
const {remark} = await load('remark');
const {readSync} = await load('to-vfile');
const {version} = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

// Rule plugins are named 'remark-lint:<id>'; awesome-lint reports the <id> part.
const ruleIdOf = entry => (Array.isArray(entry) ? entry[0] : entry)?.name?.replace(/^remark-lint:/, '');

const skip = new Set([...ALWAYS_SKIPPED, ...skipArg.split(',').filter(Boolean)]);
const config = createConfig(createRules()).filter(entry => !skip.has(ruleIdOf(entry)));

// Severity as awesome-lint's `lint._report` classifies it: fatal messages and messages from
// rules configured at the top level are errors, unless the rule was configured as 'warn'
// (spell-check is); messages from rules pulled in indirectly are warnings.
const directRuleIds = new Set(config.map(entry => ruleIdOf(entry)).filter(Boolean));
const warnRuleIds = new Set(config
	.filter(entry => Array.isArray(entry) && Array.isArray(entry[1]) && entry[1][0] === 'warn')
	.map(entry => ruleIdOf(entry)));
const levelOf = message => {
	if (message.fatal === true) {
		return 'error';
	}

	if (warnRuleIds.has(message.ruleId)) {
		return 'warning';
	}

	return message.fatal === false && !directRuleIds.has(message.ruleId) ? 'warning' : 'error';
};

const results = [];
for (const file of files) {
	const vfile = await remark().use(config).process(readSync(path.resolve(file)));
	results.push({
		file,
		messages: vfile.messages.map(message => ({
			rule: message.ruleId ?? '',
			source: message.source ?? '',
			line: message.line ?? 0,
			column: message.column ?? 0,
			level: levelOf(message),
			reason: message.reason,
		})),
	});
}

process.stdout.write(JSON.stringify({version, results}));

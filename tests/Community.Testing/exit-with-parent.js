// Runs a Node program (argv[2]) with the remaining arguments, and exits as soon as standard input closes.
// The test process holds the other end of that pipe, so if it dies without cleaning up (a crash, a killed
// test host), its children go with it instead of lingering and holding ports.
const path = require('path');
const program = path.resolve(process.argv[2]);
process.argv = [process.argv[0], program, ...process.argv.slice(3)];
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
require(program);

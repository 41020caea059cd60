// Debian's Python (never a pyenv or venv one: the packages the setup installs are Debian's).
import { spawnSync } from 'node:child_process';

export const PYTHON = process.env.NN_PYTHON || '/usr/bin/python3';

/** True when PYTHON can import `module`. */
export function pythonHas(module) {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

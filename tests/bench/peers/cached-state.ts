// The cached-state floor: answers every join with the document in BENCH_STATE_FILE, encoded once.
import { readFileSync } from 'node:fs';
import { startFloor } from './floor.js';

const file = process.env.BENCH_STATE_FILE;
if (!file) throw new Error('BENCH_STATE_FILE is not set');
startFloor(readFileSync(file), Number(process.env.PORT));

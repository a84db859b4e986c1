// The relay floor: forwards frames, answers joins with an empty document. PORT from the env.
import { startFloor } from './floor.js';

startFloor(Uint8Array.of(0, 0), Number(process.env.PORT));

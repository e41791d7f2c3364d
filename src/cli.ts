#!/usr/bin/env node
// The dockgrade command line; everything it does lives in program.ts and commands/.
import { main } from "./program.js";

await main(process.argv);

import { benchForecast } from './forecast.ts';

/** `npm run bench` runs this in a process of its own: the forecast's 40,000 simulations against a bare loop. */
process.stdout.write(`${JSON.stringify(benchForecast())}\n`);

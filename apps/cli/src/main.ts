import 'reflect-metadata';
import { runCli } from './program';

void runCli(process.argv);

/** The Electron main process: the real `electron` module handed to the app, which takes it from there. */
import * as electron from 'electron';
import { runApp } from './platform/app.ts';

void runApp(electron, process.argv);

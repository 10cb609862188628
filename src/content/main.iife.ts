import { startWhenIdle } from './app';

startWhenIdle();

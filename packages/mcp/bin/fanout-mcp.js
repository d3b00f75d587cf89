#!/usr/bin/env node
import { launch } from '@fanout/oracle/launch';

await launch(import.meta.url);

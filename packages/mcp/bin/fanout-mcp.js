#!/usr/bin/env -S node --liftoff-only
import { launch } from '@fanout/cli-kit/launch';

await launch(import.meta.url);

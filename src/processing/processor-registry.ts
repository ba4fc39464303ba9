import { Injectable } from '@nestjs/common';
import { Processor } from './processor';

/** Context modules register their processors here while the application initialises. */
@Injectable()
export class ProcessorRegistry {
  private readonly processors: Processor[] = [];

  register(...processors: Processor[]): void {
    this.processors.push(...processors);
  }

  all(): readonly Processor[] {
    return this.processors;
  }

  find(name: string): Processor | undefined {
    return this.processors.find((p) => p.name === name);
  }
}

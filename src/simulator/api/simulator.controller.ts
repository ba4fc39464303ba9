import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProblemError } from '../../platform/http/problem';
import { Permit } from '../../platform/auth/principal';
import { SimulatedFleet } from '../simulated-fleet';
import { ClearFaultsQuery, ClearFaultsResultDto, SetFaultsDto, SetFaultsResultDto, SimulatorDto } from './simulator.dto';
import { SimulatorDocs } from './simulator.docs';

/** The simulated fleet's admin API: look at the "hardware" and inject faults into it. */
@ApiTags('simulator')
@Controller('v1/simulator')
export class SimulatorController {
  constructor(private readonly fleet: SimulatedFleet) {}

  @Get()
  @Permit('fabric-admin', 'auditor')
  @SimulatorDocs.describe
  describe(): Promise<SimulatorDto> {
    return this.fleet.describe();
  }

  @Put('faults')
  @Permit('fabric-admin')
  @HttpCode(200)
  @SimulatorDocs.setFaults
  async setFaults(@Body() body: SetFaultsDto): Promise<SetFaultsResultDto> {
    const { hostId, ...faults } = body;
    try {
      return await this.fleet.setFaults(hostId.toLowerCase(), faults);
    } catch (error) {
      // The DTO already checks these; the fleet checks again for callers outside HTTP.
      if (error instanceof RangeError) throw new ProblemError(400, 'VALIDATION_FAILED', error.message);
      throw error;
    }
  }

  @Delete('faults')
  @Permit('fabric-admin')
  @HttpCode(200)
  @SimulatorDocs.clearFaults
  clearFaults(@Query() query: ClearFaultsQuery): Promise<ClearFaultsResultDto> {
    return this.fleet.clearFaults(query.hostId?.toLowerCase());
  }
}

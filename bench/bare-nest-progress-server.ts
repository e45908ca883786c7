// The framework's own floor, shown beside the targets: the progress route as a bare NestJS-on-Fastify application
// (one controller, a class-validator DTO through ValidationPipe, a session looked up in a Map, the same answer as
// the bare node server) with none of the proxy's work (no API key, rate limiting, persistence, logging, headers).
// Forked by the benchmark like the bare node server; it gets its setup over IPC and exits when the benchmark
// disconnects.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, Module, NotFoundException, Param, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import type { BareServerReady, BareServerSetup } from './support/bare-server-protocol.js';

type Session = Record<string, unknown>;

class ProgressBody {
  @IsIn(['playing', 'paused', 'buffering', 'stopped'])
  state: string;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  positionMs: number;
}

async function start(setup: BareServerSetup): Promise<void> {
  const sessions = new Map<string, Session>(setup.sessionIds.map((id) => [id, { ...setup.template, id }]));

  @Controller('api/v1/sessions')
  class ProgressController {
    @Post(':id/progress')
    @HttpCode(200)
    report(@Param('id') id: string, @Body() body: ProgressBody): Session {
      const session = sessions.get(id);
      if (!session) throw new NotFoundException(`session ${id} not found`);
      session.state = body.state;
      session.positionMs = body.positionMs;
      session.updatedAt = new Date().toISOString();
      return session;
    }
  }

  @Module({ controllers: [ProgressController] })
  class BareModule {}

  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(0, '127.0.0.1');
  const ready: BareServerReady = { port: (app.getHttpServer().address() as AddressInfo).port };
  process.send!(ready);
  process.once('disconnect', () => process.exit(0));
}

process.once('message', (setup: BareServerSetup) => void start(setup));

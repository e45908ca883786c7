import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ImagesService } from './images.service.js';

/**
 * What TV image loaders open: `GET /api/v1/images/{token}?w=…&h=…`, the URLs in cards' `images`. No key (loaders
 * cannot send a header): the signed token is the permission. Not in the API document: clients never build these URLs.
 * Not rate limited: a grid of posters is dozens of calls at once, and a 304 costs no Plex call.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('api/v1/images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Get(':token')
  async image(
    @Param('token') token: string,
    @Query('w') w: string | undefined,
    @Query('h') h: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.images.open(token, { w, h }, ifNoneMatch);
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }
}

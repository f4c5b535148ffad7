/**
 * The ceiling for `npm run bench:api`: a bare Nest 11 express app with one route and nothing
 * else, run as its own process like the api, so both are measured on the same footing.
 */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class HelloController {
  @Get('hello')
  hello() {
    return { ok: true };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(HelloModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('hello app listening');
}

void main();

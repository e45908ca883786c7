import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { memoizedReflector } from '../../src/modules/auth/memoized-reflector.js';

@SetMetadata('limit', 5)
class Limited {
  @SetMetadata('limit', 2)
  strict(this: void): void {}

  loose(this: void): void {}
}

describe('memoizedReflector', () => {
  it('answers as the Reflector does, reading each key once per handler and class', () => {
    const reflector = new Reflector();
    let reads = 0;
    const counting = Object.create(reflector) as Reflector;
    counting.getAllAndOverride = ((key: string, targets: Parameters<Reflector['getAllAndOverride']>[1]) => {
      reads++;
      return reflector.getAllAndOverride(key, targets);
    }) as Reflector['getAllAndOverride'];
    const memoized = memoizedReflector(counting);
    const proto = Limited.prototype;
    for (let i = 0; i < 3; i++) {
      assert.equal(memoized.getAllAndOverride('limit', [proto.strict, Limited]), 2, 'the handler overrides the class');
      assert.equal(memoized.getAllAndOverride('limit', [proto.loose, Limited]), 5);
      assert.equal(memoized.getAllAndOverride('skip', [proto.loose, Limited]), undefined);
    }
    assert.equal(reads, 3);
    assert.equal(memoized.get('limit', Limited), 5, "the other methods are the Reflector's");
  });
});

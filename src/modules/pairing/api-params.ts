import { ApiParam } from '@nestjs/swagger';

/** The `userCode` path parameter of the approval calls, documented once for the member's and the admin's. */
export const ApiUserCode = () =>
  ApiParam({ name: 'userCode', description: 'The code the TV shows, any case, with or without the dash.', example: 'BCDF-GHJK' });

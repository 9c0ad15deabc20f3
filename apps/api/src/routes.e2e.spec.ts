import { Controller, Get } from '@nestjs/common';
import { apiSpec } from '../test/api-spec';
import { nestRoutes } from '../test/routes';

// A route an engineer forgot to declare a policy for: it must be listed by the enumeration and unreachable.
@Controller('unguarded')
class UnguardedController {
  @Get()
  leak(): string {
    return 'personal data';
  }
}

describe('every route declares its policy (deny by default)', () => {
  const api = apiSpec();

  it('finds a declared policy on every route Nest has registered', () => {
    const routes = nestRoutes(api.app);
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'POST /recipients',
        'GET /recipients/:recipientId',
        'GET /health',
        'POST /councils',
        'POST /api-keys',
      ]),
    );
    expect(routes.filter((r) => r.policy === undefined).map((r) => r.route)).toEqual([]);
  });
});

describe('a route added without a policy', () => {
  const api = apiSpec({ extraControllers: [UnguardedController] });

  it('is caught by the enumeration, which would fail the spec above', () => {
    expect(
      nestRoutes(api.app)
        .filter((r) => r.policy === undefined)
        .map((r) => r.route),
    ).toEqual(['GET /unguarded']);
  });

  it('is unreachable: 404 even with bureau-admin credentials', async () => {
    const res = await api.when((http) => http.get('/unguarded').set(api.as('admin')));
    await api.thenProblem(res, 404, 'route.no-policy');
  });
});

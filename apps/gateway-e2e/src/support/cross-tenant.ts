import { expectErrorBody, type Api, type TestTenant } from './api';

export interface TenantScopedResource {
  /** What the resource is, for test names. */
  name: string;
  /** Creates one as `owner`; answers its id. */
  create(owner: TestTenant): Promise<string>;
  /** GET path of one resource by id (where the resource has one). */
  read?(id: string): string;
  /** A list route, for resources read through a list: B's list must not hold A's id. */
  list?: { path: string; ids(body: any): string[] };
  /** Update request by id, if the resource can be updated. */
  update?(id: string): { method: 'PUT' | 'PATCH'; path: string; body: unknown };
  /** DELETE path by id, if it can be deleted. */
  remove?(id: string): string;
}

/**
 * The cross-tenant check every resource gets: tenant B reads, updates and deletes tenant A's
 * row by id and gets 404 NOT_FOUND each time (never 403: existence must not leak), and A's
 * row is still there unchanged afterwards.
 */
export async function expectTenantIsolation(api: Api, a: TestTenant, b: TestTenant, resource: TenantScopedResource): Promise<void> {
  const id = await resource.create(a);
  const snapshot = async () => {
    if (resource.read) {
      const res = await api.get(resource.read(id), { token: a.token });
      expect(res.status).toBe(200);
      return res.body;
    }
    const res = await api.get(resource.list!.path, { token: a.token });
    expect(res.status).toBe(200);
    expect(resource.list!.ids(res.body)).toContain(id);
    return res.body;
  };
  const before = await snapshot();

  if (resource.read) expectErrorBody(await api.get(resource.read(id), { token: b.token }), 404, 'NOT_FOUND');
  if (resource.list) {
    const theirs = await api.get(resource.list.path, { token: b.token });
    expect(theirs.status).toBe(200);
    expect(resource.list.ids(theirs.body)).not.toContain(id);
  }
  if (resource.update) {
    const { method, path, body } = resource.update(id);
    expectErrorBody(await api.request(method, path, body, { token: b.token }), 404, 'NOT_FOUND');
  }
  if (resource.remove) {
    expectErrorBody(await api.delete(resource.remove(id), { token: b.token }), 404, 'NOT_FOUND');
  }

  expect(await snapshot()).toEqual(before);
}

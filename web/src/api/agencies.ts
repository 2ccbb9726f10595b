import { useEffect, useState } from 'preact/hooks';
import { PortalAgencies, request, type PortalAgenciesResult } from './client';

/** One of the province's agencies as the directory lists it. */
export type DirectoryAgency = PortalAgenciesResult['agencies'][number];

let cached: Promise<DirectoryAgency[]> | undefined;

/** The directory's agencies, fetched once per page load (forms and facets name agencies by code). */
export function useAgencies(): DirectoryAgency[] {
  const [agencies, setAgencies] = useState<DirectoryAgency[]>([]);
  useEffect(() => {
    cached ??= request(PortalAgencies, {}).then((answer) => answer.data?.agencies ?? []).catch(() => {
      cached = undefined;
      return [];
    });
    let live = true;
    void cached.then((list) => live && setAgencies(list));
    return () => void (live = false);
  }, []);
  return agencies;
}

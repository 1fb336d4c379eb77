import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  familiarName,
  findRepoDigest,
  isDigest,
  manifestDigest,
  nextLink,
  parseBearerChallenge,
  parseCatalog,
  parseManifest,
  parseManifestInspect,
  parsePushDigest,
  parseTagsList,
} from '../../scripts/lib/publish/registry-responses.ts';

// Recorded from the lab's registry (Debian docker-registry 2.8.2) after pushing a tiny image.
const MANIFEST = `{
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {
      "mediaType": "application/vnd.docker.container.image.v1+json",
      "size": 1616,
      "digest": "sha256:20dcf406532eafa941f6b4b3325dfa45249b72c9b633dfd5649272285e3be31f"
   },
   "layers": [
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 93292549,
         "digest": "sha256:d6efe021381b261e522dd411729d5981b6cd78a9ddc40106c6a4e8266690ee10"
      },
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 115,
         "digest": "sha256:0fb1e078a015220e9ade432a7d36093eb5c6501d553bf7c50e35170002c0072e"
      }
   ]
}`;
const MANIFEST_DIGEST = 'sha256:7aa080abc91bb1d43487d2891cc9a94184a0a029c22942268861ddfde1a57da7';
const IMAGE_ID = 'sha256:20dcf406532eafa941f6b4b3325dfa45249b72c9b633dfd5649272285e3be31f';
const D = (c: string) => 'sha256:' + c.repeat(64);

test('manifest digest is the sha256 of the bytes served, as Docker-Content-Digest said', () => {
  assert.is(manifestDigest(new TextEncoder().encode(MANIFEST)), MANIFEST_DIGEST);
  // One changed byte (a reformatted manifest) is a different digest: compare bytes, never re-serialised JSON.
  assert.is.not(manifestDigest(new TextEncoder().encode(JSON.stringify(JSON.parse(MANIFEST)))), MANIFEST_DIGEST);
});

test('manifest: config digest is the local image ID; an index has none', () => {
  assert.equal(parseManifest(MANIFEST, null), {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    configDigest: IMAGE_ID,
    isIndex: false,
  });
  const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: D('a') }] });
  assert.equal(parseManifest(index, null), { mediaType: 'application/vnd.oci.image.index.v1+json', configDigest: null, isIndex: true });
  assert.equal(parseManifest('<html>proxy error</html>', 'text/html'), { mediaType: 'text/html', configDigest: null, isIndex: false });
});

test('catalog and tags as the registry answered, junk tolerated', () => {
  assert.equal(parseCatalog({ repositories: ['locust-lab/probe'] }), ['locust-lab/probe']);
  assert.equal(parseCatalog({ errors: [{ code: 'UNAUTHORIZED' }] }), []);
  assert.equal(parseCatalog(null), []);
  assert.equal(parseTagsList({ name: 'locust-lab/probe', tags: ['tiny'] }), { name: 'locust-lab/probe', tags: ['tiny'] });
  // Distribution answers tags: null once every tag of a repository is deleted.
  assert.equal(parseTagsList({ name: 'x', tags: null }), { name: 'x', tags: [] });
  assert.equal(parseTagsList({ tags: ['a', 7, null] }), { name: null, tags: ['a'] });
});

test('catalog pagination follows rel="next" only', () => {
  assert.is(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
  assert.is(nextLink('</v2/_catalog?n=2>; rel="prev"'), null);
  assert.is(nextLink(null), null);
});

test('Docker Hub bearer challenge', () => {
  const header = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:jdoe/api:pull"';
  assert.equal(parseBearerChallenge(header), { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:jdoe/api:pull' });
  assert.is(parseBearerChallenge('Basic realm="Registry Realm"'), null);
  assert.is(parseBearerChallenge('Bearer realm="file:///etc/passwd"'), null);
  assert.is(parseBearerChallenge(null), null);
});

test('RepoDigests entry for the registry pushed to, Docker Hub names in short form', () => {
  const digests = [`127.0.0.1:5000/locust-lab/probe@${MANIFEST_DIGEST}`, `jdoe/locust-lab-api@${D('b')}`, `nginx@${D('c')}`];
  assert.is(findRepoDigest(digests, '127.0.0.1:5000', 'locust-lab/probe'), MANIFEST_DIGEST);
  assert.is(findRepoDigest(digests, 'docker.io', 'jdoe/locust-lab-api'), D('b'));
  assert.is(findRepoDigest(digests, 'docker.io', 'library/nginx'), D('c'));
  assert.is(findRepoDigest(digests, 'localhost:5000', 'locust-lab/probe'), null);
  assert.is(findRepoDigest(undefined, 'docker.io', 'x'), null);
  assert.is(familiarName('docker.io/library/nginx'), 'nginx');
  assert.is(familiarName('docker.io/library/a/b'), 'library/a/b');
});

test('docker push last line and docker manifest inspect --verbose', () => {
  const pushOut = 'The push refers to repository [127.0.0.1:5000/locust-lab/probe]\n24bc024176e3: Pushed\n47561f65f55e: Pushed\ntiny: digest: ' + MANIFEST_DIGEST + ' size: 736\n';
  assert.is(parsePushDigest(pushOut), MANIFEST_DIGEST);
  assert.is(parsePushDigest('denied: requested access to the resource is denied'), null);
  const inspect = JSON.stringify({ Ref: 'docker.io/jdoe/api:1', Descriptor: { mediaType: 'x', digest: MANIFEST_DIGEST, size: 736 }, SchemaV2Manifest: JSON.parse(MANIFEST) });
  assert.equal(parseManifestInspect(inspect), { digest: MANIFEST_DIGEST, configDigest: IMAGE_ID });
  assert.equal(parseManifestInspect('no such manifest'), { digest: null, configDigest: null });
  assert.ok(isDigest(MANIFEST_DIGEST));
  assert.not.ok(isDigest('sha256:ABC'));
});

test.run();

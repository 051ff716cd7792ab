# hush as a container, for CI systems other than GitHub Actions:
#   docker build -t hush .
#   docker run --rm -v "$PWD:/repo:ro" hush audit . --no-cache --format sarif > hush.sarif
# The package is installed from the tarball npm packs from bundle/ (what the registry would serve).
FROM node:20-slim AS pack
WORKDIR /src
COPY bundle/ ./bundle/
RUN npm pack ./bundle --pack-destination /tmp && mv /tmp/hush-scan-*.tgz /tmp/hush-scan.tgz

FROM node:20-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/hush-scan.tgz /tmp/hush-scan.tgz
RUN npm install --global --no-audit --no-fund /tmp/hush-scan.tgz && rm /tmp/hush-scan.tgz
RUN useradd --create-home --uid 10001 hush
USER hush
# The repository is mounted read-only here; the audit cache is skipped with --no-cache.
WORKDIR /repo
ENTRYPOINT ["hush"]
CMD ["scan", "."]

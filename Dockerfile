# LeadRouter in a container: build with the official Swift image, run on a slim Ubuntu with the binary, the SwiftPM
# resource bundles, the Cypher files and the bundled metro dataset. No Docker engine runs on the machines this
# repository is developed on, so this file is kept simple and conventional; the GitHub workflow builds it.
#   docker build -t leadrouter .
#   docker run --rm -p 8080:8080 leadrouter serve --host 0.0.0.0 --insecure-no-auth
FROM swift:6.2-noble AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
RUN swift build -c release --product leadrouter --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/leadrouter" /staging/ \
    && find "$(swift build -c release --show-bin-path)" -maxdepth 1 -name '*.resources' -exec cp -R {} /staging/ \;

FROM ubuntu:noble
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin leadrouter
WORKDIR /app
COPY --from=build /staging/ /app/
COPY cypher /app/cypher
COPY fixtures/metro /app/fixtures/metro
RUN mkdir -p /app/data && chown leadrouter /app/data
USER leadrouter
ENV LEADROUTER_CYPHER_DIR=/app/cypher LEADROUTER_DATASET=/app/fixtures/metro LEADROUTER_STORE=sqlite:/app/data/leads.sqlite
EXPOSE 8080
ENTRYPOINT ["/app/leadrouter"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]

# One image recipe for every production host: docker build --build-arg PROJECT=Library.ReaderCommand.Host .
# Multi-stage: the SDK builds and publishes; the runtime image carries only the published output.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
# global.json is left out: it pins the SDK band of our build machines, not the image's.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY BuildingBlocks/ BuildingBlocks/
COPY Modules/ Modules/
COPY Hosts/ Hosts/
RUN test -n "$PROJECT" || (echo "--build-arg PROJECT=<host project> is required" && exit 1)
RUN dotnet restore "Hosts/$PROJECT/$PROJECT.csproj"
RUN dotnet publish "Hosts/$PROJECT/$PROJECT.csproj" -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG PROJECT
# curl only for the health check; everything else the image needs is already in it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV APP_DLL=$PROJECT.dll \
    ASPNETCORE_HTTP_PORTS=8080 \
    Observability__JsonLogs=true
# State a host keeps across restarts lives under /var/lib/library (the web front end's cookie keys), owned by the
# non-root user so that a named volume mounted there starts writable. Then that user, which the .NET images ship with.
RUN mkdir -p /var/lib/library/web-keys && chown -R "$APP_UID" /var/lib/library
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec dotnet \"$APP_DLL\" \"$@\"", "--"]

# For users with Docker (docker-compose.yml); our own machines run the scripts instead.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cd TorMetrics.Web && npm install --no-audit --no-fund --no-package-lock
RUN dotnet publish TorMetrics.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# tor-geoipdb brings tor as a dependency; a container has no init, so its service never starts.
RUN apt-get update && apt-get install -y --no-install-recommends xz-utils bzip2 tor-geoipdb && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
COPY --from=build /src/TorMetrics.Web/node_modules ./node_modules
COPY --from=build /src/TorMetrics.Web/wwwroot ./wwwroot
ENV Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "tormetrics.dll"]
CMD ["serve"]

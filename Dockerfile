# SolverEngine server image. Not built in CI (no container engine there): it mirrors
# scripts/install-deps and scripts/demo step by step.

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SolverEngine.Cli -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim
# The native LP/MIP solvers (runtime libraries of coinor-libclp-dev / coinor-libcbc-dev).
RUN apt-get update \
 && apt-get install -y --no-install-recommends coinor-libclp1 coinor-libcbc3 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 solverengine
WORKDIR /app
COPY --from=build /app .
USER solverengine
EXPOSE 50051
ENTRYPOINT ["dotnet", "/app/solverengine.dll", "serve", "--host", "0.0.0.0", "--port", "50051"]

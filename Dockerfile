# PolicyEditor: the web app and the policyeditor command line in one image.
# Build: docker build -t policyeditor .
# The app: docker run -p 8080:8080 policyeditor
# The command line: docker run -i --rm policyeditor policyeditor list -f - < manifests.yaml
#   (or with a folder: docker run --rm -v "$PWD:/work" -w /work policyeditor policyeditor lint -f manifests/)
# The build context is the repository root (see .dockerignore).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/PolicyEditor.Engine/PolicyEditor.Engine.csproj src/PolicyEditor.Engine/
COPY src/PolicyEditor.Manifests/PolicyEditor.Manifests.csproj src/PolicyEditor.Manifests/
COPY src/PolicyEditor.LiveCluster/PolicyEditor.LiveCluster.csproj src/PolicyEditor.LiveCluster/
COPY src/PolicyEditor.Tutorials/PolicyEditor.Tutorials.csproj src/PolicyEditor.Tutorials/
COPY src/PolicyEditor.Web/PolicyEditor.Web.csproj src/PolicyEditor.Web/
COPY src/PolicyEditor.Cli/PolicyEditor.Cli.csproj src/PolicyEditor.Cli/
RUN dotnet restore src/PolicyEditor.Web/PolicyEditor.Web.csproj && dotnet restore src/PolicyEditor.Cli/PolicyEditor.Cli.csproj

# The web project takes its browser assets from the top-level wwwroot/ and copies samples/ and lessons/ beside the app.
COPY src/PolicyEditor.Engine/ src/PolicyEditor.Engine/
COPY src/PolicyEditor.Manifests/ src/PolicyEditor.Manifests/
COPY src/PolicyEditor.LiveCluster/ src/PolicyEditor.LiveCluster/
COPY src/PolicyEditor.Tutorials/ src/PolicyEditor.Tutorials/
COPY src/PolicyEditor.Web/ src/PolicyEditor.Web/
COPY src/PolicyEditor.Cli/ src/PolicyEditor.Cli/
COPY wwwroot/ wwwroot/
COPY samples/ samples/
COPY lessons/ lessons/
RUN dotnet publish src/PolicyEditor.Web/PolicyEditor.Web.csproj -c Release --no-restore -o /app -p:UseAppHost=false
RUN dotnet publish src/PolicyEditor.Cli/PolicyEditor.Cli.csproj -c Release --no-restore -o /cli -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
COPY --from=build /app ./
COPY --from=build /cli /cli
# 'policyeditor' on the PATH runs the command line; the entrypoint runs the app, or the command line when
# the first argument is 'policyeditor' (so 'docker run IMAGE --urls ...' still reaches the app).
RUN printf '#!/bin/sh\nexec dotnet /cli/policyeditor.dll "$@"\n' > /usr/local/bin/policyeditor \
    && printf '#!/bin/sh\nif [ "$1" = policyeditor ]; then shift; exec /usr/local/bin/policyeditor "$@"; fi\nexec dotnet /app/PolicyEditor.Web.dll "$@"\n' > /usr/local/bin/policyeditor-entrypoint \
    && chmod 0755 /usr/local/bin/policyeditor /usr/local/bin/policyeditor-entrypoint
# The aspnet images ship a non-root user "app"; APP_UID is its numeric id (1654), which Kubernetes'
# runAsNonRoot can verify.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/policyeditor-entrypoint"]

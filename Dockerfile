# PolicyEditor web app. Build: docker build -t policyeditor .   Run: docker run -p 8080:8080 policyeditor
# The build context is the repository root (see .dockerignore).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/PolicyEditor.Engine/PolicyEditor.Engine.csproj src/PolicyEditor.Engine/
COPY src/PolicyEditor.Manifests/PolicyEditor.Manifests.csproj src/PolicyEditor.Manifests/
COPY src/PolicyEditor.Tutorials/PolicyEditor.Tutorials.csproj src/PolicyEditor.Tutorials/
COPY src/PolicyEditor.Web/PolicyEditor.Web.csproj src/PolicyEditor.Web/
RUN dotnet restore src/PolicyEditor.Web/PolicyEditor.Web.csproj

# The web project takes its browser assets from the top-level wwwroot/ and copies samples/ and lessons/ beside the app.
COPY src/PolicyEditor.Engine/ src/PolicyEditor.Engine/
COPY src/PolicyEditor.Manifests/ src/PolicyEditor.Manifests/
COPY src/PolicyEditor.Tutorials/ src/PolicyEditor.Tutorials/
COPY src/PolicyEditor.Web/ src/PolicyEditor.Web/
COPY wwwroot/ wwwroot/
COPY samples/ samples/
COPY lessons/ lessons/
RUN dotnet publish src/PolicyEditor.Web/PolicyEditor.Web.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
COPY --from=build /app ./
# The aspnet images ship a non-root user "app"; APP_UID is its numeric id (1654), which Kubernetes'
# runAsNonRoot can verify.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "PolicyEditor.Web.dll"]

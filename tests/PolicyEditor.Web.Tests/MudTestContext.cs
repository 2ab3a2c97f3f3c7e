using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace PolicyEditor.Web.Tests;

/// <summary>
/// The base of every component test: MudBlazor's services, JavaScript interop that answers every call
/// with a default (MudBlazor calls a lot of it), an interactive server renderer, and, unless the
/// component under test brings its own (the layout does), the popover host that tooltips render into.
/// A test class adds the services its components need through <c>services</c> (bUnit allows no later additions).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext(bool addPopoverProvider = true, Action<IServiceCollection>? services = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        if (addPopoverProvider)
        {
            Render<MudBlazor.MudPopoverProvider>();
        }
    }

    /// <inheritdoc />
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // Several MudBlazor services are only asynchronously disposable, and xunit disposes test classes
    // synchronously unless they are IAsyncLifetime.
    /// <inheritdoc />
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

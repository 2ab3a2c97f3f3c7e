using PolicyEditor.Web.ScaleOut;
using StackExchange.Redis;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers what several app instances need to work as one (see <see cref="ScaleOutOptions"/>).</summary>
public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c>: change notices between instances over Redis and SignalR's Redis
    /// backplane (hub messages reach clients on every instance). Without: one instance, nothing to share.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ScaleOutOptions { RedisConnectionString = configuration.GetConnectionString(ScaleOutOptions.RedisConnectionStringName) };
        services.AddSingleton(options);
        services.AddSingleton<Hubs.EditLedger>();
        services.AddHostedService<Hubs.HubBroadcaster>();
        var signalR = services.AddSignalR().AddHubOptions<Hubs.WorkspaceHub>(o => o.MaximumReceiveMessageSize = Hubs.WorkspaceHub.MaxMessageBytes);
        if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            services.AddSingleton<IChangeBus, LocalChangeBus>();
            return services;
        }

        services.AddSingleton<IChangeBus, RedisChangeBus>();
        signalR.AddStackExchangeRedis(options.RedisConnectionString, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("policyeditor"));
        return services;
    }
}

namespace PolicyEditor.Web.ScaleOut;

/// <summary>
/// Running several app instances: with <c>ConnectionStrings:Redis</c> set, instances tell each other about
/// changes over Redis and SignalR uses the Redis backplane (they must also share one PostgreSQL database).
/// </summary>
public sealed class ScaleOutOptions
{
    public const string RedisConnectionStringName = "Redis";

    /// <summary>The Redis connection string, or null for a single instance.</summary>
    public string? RedisConnectionString { get; init; }
}

using System.Text.Json;
using StackExchange.Redis;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.ScaleOut;

/// <summary>Change notices over Redis publish/subscribe, between app instances that share one database.</summary>
public sealed class RedisChangeBus : IChangeBus, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("policyeditor:changes");
    private readonly ConnectionMultiplexer _redis;
    private readonly ILogger<RedisChangeBus> _logger;
    private readonly List<Func<ChangeNotice, Task>> _handlers = [];

    public RedisChangeBus(ScaleOutOptions options, ILogger<RedisChangeBus> logger)
    {
        _logger = logger;
        // The app starts even while Redis is down, and reconnects when it is back.
        var configuration = ConfigurationOptions.Parse(options.RedisConnectionString!);
        configuration.AbortOnConnectFail = false;
        _redis = ConnectionMultiplexer.Connect(configuration);
        _redis.GetSubscriber().Subscribe(Channel, (channel, message) => { _ = DeliverAsync(message); });
    }

    /// <inheritdoc />
    public string Instance { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <inheritdoc />
    public async Task PublishAsync(ChangeSubject subject, Guid id, Actor actor, string description, string? data = null)
    {
        var notice = new ChangeNotice(Instance, subject, id, actor.Id, actor.DisplayName, description, data);
        try
        {
            await _redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(notice));
        }
        catch (RedisException e)
        {
            // The change is saved; other instances see it when they next load it.
            _logger.LogWarning(e, "Could not tell the other instances about {Subject} {Id}", subject, id);
        }
    }

    /// <inheritdoc />
    public void Subscribe(Func<ChangeNotice, Task> handler)
    {
        lock (_handlers)
        {
            _handlers.Add(handler);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _redis.Dispose();

    private async Task DeliverAsync(RedisValue message)
    {
        ChangeNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<ChangeNotice>(message.ToString());
        }
        catch (JsonException e)
        {
            _logger.LogWarning(e, "Ignored a change notice that is not one");
            return;
        }

        if (notice is null || notice.Instance == Instance)
        {
            return;
        }

        Func<ChangeNotice, Task>[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(notice);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "A change notice for {Subject} {Id} failed", notice.Subject, notice.Id);
            }
        }
    }
}

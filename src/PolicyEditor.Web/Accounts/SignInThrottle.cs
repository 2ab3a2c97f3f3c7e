using System.Threading.RateLimiting;

namespace PolicyEditor.Web.Accounts;

/// <summary>
/// How often one client may try to sign in, create an account or redeem an invitation link (setting
/// <c>Accounts:AttemptsPerMinute</c>, default 10): per address for the form posts and the invitation page
/// (ASP.NET Core's rate limiter, policy <see cref="PolicyName"/>), and per user for the redemption the live
/// page makes. Guessing passwords or tokens gets no faster than that.
/// </summary>
public sealed class SignInThrottle(int attemptsPerMinute) : IDisposable
{
    /// <summary>The rate limiter policy of the endpoints.</summary>
    public const string PolicyName = "sign-in";

    /// <summary>The configuration key.</summary>
    public const string SettingName = "Accounts:AttemptsPerMinute";

    private readonly PartitionedRateLimiter<string> _users = PartitionedRateLimiter.Create<string, string>(key => Partition(key, attemptsPerMinute));

    /// <summary>Attempts allowed a minute.</summary>
    public int AttemptsPerMinute => attemptsPerMinute;

    /// <summary>Reads the setting; a value that is not a positive number stops the app with a message naming it.</summary>
    public static SignInThrottle Read(IConfiguration configuration)
    {
        var text = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SignInThrottle(10);
        }

        return int.TryParse(text, out var n) && n > 0
            ? new SignInThrottle(n)
            : throw new InvalidOperationException($"{SettingName} is '{text}': use a whole number of attempts a minute, such as 10.");
    }

    /// <summary>The limiter of one client (an address, a user).</summary>
    public RateLimitPartition<string> Partition(string key) => Partition(key, attemptsPerMinute);

    /// <summary>Takes one attempt of <paramref name="key"/>'s; false when it has none left this minute.</summary>
    public bool TryAttempt(string key)
    {
        using var lease = _users.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _users.Dispose();

    private static RateLimitPartition<string> Partition(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

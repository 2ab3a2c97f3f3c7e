namespace PolicyEditor.Engine.Model;

/// <summary>
/// A rule of an admin policy: traffic to or from any of <see cref="Peers"/> on any of <see cref="Ports"/>
/// (every port when the list is empty) gets <see cref="Action"/>.
/// </summary>
public sealed record AdminRule(string Name, AdminAction Action, ValueArray<AdminPeer> Peers, ValueArray<AdminPort> Ports);

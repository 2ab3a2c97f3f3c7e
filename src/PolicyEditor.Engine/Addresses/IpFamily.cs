namespace PolicyEditor.Engine.Addresses;

/// <summary>The two IP address families.</summary>
public enum IpFamily : byte
{
    V4 = 4,
    V6 = 6,
}

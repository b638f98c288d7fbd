namespace Coopdir.Tests.Scale;

/// <summary>Tests that use the test replica one at a time: one of them pauses its replay.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection
{
    public const string Name = "replica";
}

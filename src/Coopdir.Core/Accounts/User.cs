namespace Coopdir.Core.Accounts;

/// <summary>An account. Its email is private; its name is shown on its contributions.</summary>
public sealed record User(long Id, string Email, string Name, string Role, DateTimeOffset CreatedAt)
{
    public bool Can(string required) => Roles.AtLeast(Role, required);
}

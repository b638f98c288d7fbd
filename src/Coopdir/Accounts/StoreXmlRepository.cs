using System.Xml.Linq;
using Coopdir.Core.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Coopdir.Accounts;

/// <summary>
/// The data-protection key ring kept in the directory's own database (table data_protection_keys).
/// IXmlRepository is synchronous, so these are the one place that waits for the store: the key ring
/// is read when the site first protects or unprotects something and on key rotation, not per request.
/// </summary>
public sealed class StoreXmlRepository(Store store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = store.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = store.OpenAsync().GetAwaiter().GetResult();
        connection.Execute("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Lending.Query;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(LendingQueryModule.Name);
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddLendingQueryModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapLendingQueryEndpoints();
await app.RunLibraryHostAsync(args);

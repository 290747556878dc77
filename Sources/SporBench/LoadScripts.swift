/// The wrk scripts of the HTTP benchmarks.
enum LoadScripts {
    /// Gives each of wrk's threads a generator seeded of its own, from the thread's number and /dev/urandom: one seed
    /// for all threads sends the same ids, and so do two wrk processes started in the same second when the seed is
    /// only the time and the thread's number (two daemons then fought over the same ids).
    private static let perThreadSeed = """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("number", threads)
        end
        function init(args)
          local random = io.open("/dev/urandom", "rb")
          local a, b, c = random:read(3):byte(1, 3)
          random:close()
          math.randomseed(os.time() * 100 + number + a * 65536 + b * 256 + c)
        end
        """

    /// Every request records a new WHO-5 response with its own id, for one of 10,000 citizens. Each of wrk's
    /// threads seeds its own generator (one seed for all of them sent every id twice: half the writes were
    /// repeats, answered as stored before and audited).
    static func post(token: String) -> String {
        """
        \(perThreadSeed)
        wrk.method = "POST"
        wrk.headers["Authorization"] = "Bearer \(token)"
        wrk.headers["Content-Type"] = "application/json"
        local function hex(n)
          local s = ""
          for _ = 1, n do s = s .. string.format("%x", math.random(0, 15)) end
          return s
        end
        request = function()
          local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-a" .. hex(3) .. "-" .. hex(12)
          local body = string.format('{"id":"%s","citizen":"bench-%d","instrument":"who5","administeredAt":"2026-06-01",'
            .. '"answers":[%d,%d,%d,%d,%d],"unit":"bench-unit","intervention":"SEL85"}',
            id, math.random(1, 10000), math.random(0, 5), math.random(0, 5), math.random(0, 5), math.random(0, 5), math.random(0, 5))
          return wrk.format(nil, nil, nil, body)
        end
        """
    }

    /// Every request reads the trajectory of a random citizen of the imported data; each thread has its own seed.
    static func get(token: String, citizens: Int) -> String {
        """
        \(perThreadSeed)
        wrk.headers["Authorization"] = "Bearer \(token)"
        request = function()
          return wrk.format("GET", "/v1/citizens/c-" .. math.random(1, \(citizens)) .. "/trajectory")
        end
        """
    }

    /// Every request is the same GET of `path`.
    static func get(token: String, path: String) -> String {
        """
        wrk.headers["Authorization"] = "Bearer \(token)"
        request = function()
          return wrk.format("GET", "\(path)")
        end
        """
    }
}

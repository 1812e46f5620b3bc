import { describe, expect, it } from 'vitest';
import { platformIdKey, postUrlKey } from './post-url.ts';

describe('postUrlKey', () => {
  it('gives one key to one post written different ways', () => {
    const same: [string, string[]][] = [
      [
        'instagram:C4abc_12-X',
        [
          'https://www.instagram.com/p/C4abc_12-X/',
          'http://instagram.com/reel/C4abc_12-X',
          'instagram.com/p/C4abc_12-X/?igsh=MTc4MmM1YmI2Ng==',
          'https://m.instagram.com/anna.glow/reel/C4abc_12-X/?utm_source=ig_web_copy_link',
        ],
      ],
      [
        'youtube:dQw4w9WgXcQ',
        [
          'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          'https://youtu.be/dQw4w9WgXcQ?si=AbCdEf',
          'https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
          'https://youtube.com/shorts/dQw4w9WgXcQ',
        ],
      ],
      [
        'tiktok:7301234567890123456',
        ['https://www.tiktok.com/@anna/video/7301234567890123456?is_from_webapp=1'],
      ],
      [
        'shop.example/blog/post?id=5',
        [
          'https://shop.example/blog/post/?utm_source=x&id=5',
          'http://www.shop.example/blog/post?id=5#top',
          'https://shop.example/blog/post?fbclid=1&id=5',
        ],
      ],
    ];
    for (const [key, urls] of same) for (const u of urls) expect(postUrlKey(u), u).toBe(key);
  });

  it('keeps different posts apart and refuses what is no link', () => {
    expect(postUrlKey('https://instagram.com/p/AAA111')).not.toBe(
      postUrlKey('https://instagram.com/p/AAA112'),
    );
    expect(postUrlKey('https://shop.example/a?id=1')).not.toBe(postUrlKey('https://shop.example/a?id=2'));
    expect(postUrlKey('mailto:anna@example.com')).toBeNull();
    expect(postUrlKey('not a url at all')).toBeNull();
  });

  it('names the posts a bare platform id may be', () => {
    expect(platformIdKey('dQw4w9WgXcQ')).toContain('youtube:dQw4w9WgXcQ');
    expect(platformIdKey('7301234567890123456')).toEqual(['tiktok:7301234567890123456']);
  });
});

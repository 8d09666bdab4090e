"""Seeded generator of look-alike "distractor" articles for retrieval evaluations.

The five seed articles in ``corpus/`` are talent-policy news from Lanzhou (Gansu), Heilongjiang,
Zhejiang, Chongqing's Liangjiang New Area and Chun'an County of Hangzhou. A retrieval-augmented
assistant is only trustworthy if it keeps answering from those articles when the index also holds
many texts that *look* like them. This module writes such texts: the same vocabulary (flexible
talent introduction, talent cards, resettlement subsidies in yuan, enclaves, liaison stations,
talent weeks, service platforms, percentages and dates) about other places, people, programmes
and figures.

Two kinds of article are produced, about half each:

* **Seed look-alikes.** Each seed article is transcribed below as a template that keeps its
  sentences word for word but turns every place, person and programme name into a ``{slot}`` and
  every figure into a ``[[figure]]`` marker. Filling the slots with other names and replacing
  each marked figure by a different value of the same shape and magnitude (``[[31.7%]]`` becomes
  e.g. ``24.9%``, ``[[seven]]`` becomes e.g. ``five``) gives a text that reads almost exactly like
  the seed but is about another place with other numbers: the hardest kind of distractor.
  ``[[60|measures]]`` names a figure so that every mention of it gets the same new value.
* **Bank articles.** An optional headline, a lede and several topic paragraphs drawn from a bank
  of template sentences (eligibility, subsidies, graduates, talent cards, platforms, enclaves,
  liaison stations, talent weeks, statistics, programmes, quotes), filled the same way.

Templates are groups of paragraphs. Optional groups and the trailing paragraphs of a group are
dropped at random, and then as needed, so that every article has 150-600 words. Some articles get
the seeds' trappings: a leading `` date YYYY-MM-DD `` stamp, a wire dateline, a ``SOURCE ...`` or
``[Source: ...]`` line, a "This news article was written by X for Y." byline, or a little web
boilerplate ("Print E-mail", "Follow ... on Twitter").

Places come from 266 real prefecture-level cities in 24 provinces and autonomous regions and
about 540 real district and county names, combined as "X District of City", "City X New Area" and
so on: well over a hundred thousand distinct places. No name that occurs in a seed (``SEED_NAMES``)
and none of the cities that evaluation questions use as out-of-corpus examples
(``RESERVED_NAMES``) is ever emitted; the pools below simply do not contain them.

Every article draws from its own ``random.Random`` seeded by ``(seed, index)``, so the output is
byte-identical for the same arguments and ``generate(k)`` is a prefix of ``generate(n)`` for
``k <= n``. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from assistant.text import NUMBER_WORDS

# Names from the five seed articles (places, people, programmes, organisations): never emitted.
SEED_NAMES: tuple[str, ...] = (
    "Lanzhou",
    "Gansu",
    "Heilongjiang",
    "Harbin",
    "Zhejiang",
    "Hangzhou",
    "Ningbo",
    "Quzhou",
    "Jiaxing",
    "Chongqing",
    "Liangjiang",
    "Chun'an",
    "Chun 'an",
    "Chunan",
    "Lijia",
    "Yuelai",
    "Yongjiang",
    "Yangtze",
    "Singapore",
    "Japan",
    "Melbourne",
    "Australia",
    "Europe",
    "America",
    "Xiaolangzhong",
    "Huangjing",
    "Wen Jie",
    "Liang Huiling",
    "Chen Shaobo",
    "Tao Shixiang",
    "Wild Goose",
    "Yingcai",
    "Boshi",
    "Sagebot",
    "Southern Metropolis",
    "Ten Thousand Talents",
    "Maximum One Visit",
    "Home of Academicians",
    "Future Science",
    "four-step",
    "Talent Service Bank 2.0",
    "United Front",
)
# Cities that evaluation questions use as examples of places the corpus does not cover
# (evals/heldout.jsonl asks about a Wuhan hukou).
RESERVED_NAMES: tuple[str, ...] = ("Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Tianjin", "Wuhan")

DEFAULT_N = 2000
MIN_WORDS = 150
MAX_WORDS = 600

# ----------------------------------------------------------------------------------------------
# Name pools
# ----------------------------------------------------------------------------------------------


class Province(NamedTuple):
    """A province or autonomous region with its capital, other cities and economic region."""

    name: str
    full: str  # "Hebei Province", "Guangxi Zhuang Autonomous Region"
    capital: str | None  # None where the real capital is a reserved name
    cities: tuple[str, ...]
    region: str  # read after "the": "the Bohai Rim"

    @property
    def is_region(self) -> bool:
        """True for an autonomous region."""
        return self.full.endswith("Region")

    @property
    def all_cities(self) -> tuple[str, ...]:
        """The capital (when usable) followed by the other cities."""
        return ((self.capital,) if self.capital else ()) + self.cities


def _prov(name: str, capital: str | None, cities: str, region: str, full: str = "") -> Province:
    """A Province from a space-separated city list."""
    return Province(name, full or f"{name} Province", capital, tuple(cities.split()), region)


PROVINCES: tuple[Province, ...] = (
    _prov(
        "Hebei",
        "Shijiazhuang",
        "Tangshan Qinhuangdao Handan Xingtai Baoding Zhangjiakou Chengde Cangzhou Langfang Hengshui",
        "Bohai Rim",
    ),
    _prov(
        "Shanxi",
        "Taiyuan",
        "Datong Yangquan Changzhi Jincheng Shuozhou Jinzhong Yuncheng Xinzhou Linfen Lyuliang",
        "Fenhe River Valley",
    ),
    _prov(
        "Inner Mongolia",
        "Hohhot",
        "Baotou Wuhai Chifeng Tongliao Ordos Hulunbuir Bayannur Ulanqab",
        "Hohhot-Baotou-Ordos Economic Zone",
        "Inner Mongolia Autonomous Region",
    ),
    _prov(
        "Liaoning",
        "Shenyang",
        "Dalian Anshan Fushun Benxi Dandong Jinzhou Yingkou Fuxin Liaoyang Panjin Tieling Huludao",
        "Liaodong Peninsula",
    ),
    _prov(
        "Jilin",
        "Changchun",
        "Siping Liaoyuan Tonghua Baishan Songyuan Baicheng Yanji",
        "Changchun-Jilin-Tumen Zone",
    ),
    _prov(
        "Jiangsu",
        "Nanjing",
        "Wuxi Xuzhou Changzhou Suzhou Nantong Lianyungang Huai'an Yancheng Yangzhou Zhenjiang Taizhou Suqian",
        "Huaihai Economic Zone",
    ),
    _prov(
        "Anhui",
        "Hefei",
        "Wuhu Bengbu Huainan Ma'anshan Huaibei Tongling Anqing Huangshan "
        "Chuzhou Fuyang Lu'an Bozhou Chizhou Xuancheng",
        "Hefei Metropolitan Circle",
    ),
    _prov(
        "Fujian",
        "Fuzhou",
        "Xiamen Putian Sanming Quanzhou Zhangzhou Nanping Longyan Ningde",
        "West Coast of the Taiwan Strait",
    ),
    _prov(
        "Jiangxi",
        "Nanchang",
        "Jingdezhen Pingxiang Jiujiang Xinyu Yingtan Ganzhou Ji'an Yichun Shangrao",
        "Poyang Lake Eco-Economic Zone",
    ),
    _prov(
        "Shandong",
        "Jinan",
        "Qingdao Zibo Zaozhuang Dongying Yantai Weifang Jining Tai'an "
        "Weihai Rizhao Linyi Dezhou Liaocheng Binzhou Heze",
        "Shandong Peninsula",
    ),
    _prov(
        "Henan",
        "Zhengzhou",
        "Kaifeng Luoyang Pingdingshan Anyang Hebi Xinxiang Jiaozuo "
        "Puyang Xuchang Luohe Sanmenxia Nanyang Shangqiu Xinyang Zhoukou Zhumadian",
        "Central Plains",
    ),
    _prov(
        "Hubei",
        None,
        "Huangshi Shiyan Yichang Xiangyang Ezhou Jingmen Xiaogan Jingzhou Huanggang Xianning Suizhou Enshi",
        "Jianghan Plain",
    ),
    _prov(
        "Hunan",
        "Changsha",
        "Zhuzhou Xiangtan Hengyang Shaoyang Yueyang Changde Zhangjiajie "
        "Yiyang Chenzhou Yongzhou Huaihua Loudi",
        "Changsha-Zhuzhou-Xiangtan City Cluster",
    ),
    _prov(
        "Guangdong",
        None,
        "Shaoguan Zhuhai Shantou Foshan Jiangmen Zhanjiang Maoming "
        "Zhaoqing Huizhou Meizhou Shanwei Heyuan Yangjiang Qingyuan Dongguan Zhongshan "
        "Chaozhou Jieyang Yunfu",
        "Pearl River Delta",
    ),
    _prov(
        "Guangxi",
        "Nanning",
        "Liuzhou Guilin Wuzhou Beihai Fangchenggang Qinzhou Guigang Yulin Baise Hezhou Hechi Laibin Chongzuo",
        "Beibu Gulf",
        "Guangxi Zhuang Autonomous Region",
    ),
    _prov("Hainan", "Haikou", "Sanya Danzhou Qionghai Wanning Wenchang", "Hainan Free Trade Port"),
    _prov(
        "Sichuan",
        "Chengdu",
        "Zigong Panzhihua Luzhou Deyang Mianyang Guangyuan Suining "
        "Neijiang Leshan Nanchong Meishan Yibin Guang'an Dazhou Ya'an Bazhong Ziyang",
        "Chengdu Plain",
    ),
    _prov(
        "Guizhou",
        "Guiyang",
        "Liupanshui Zunyi Anshun Bijie Tongren Kaili Duyun",
        "Central Guizhou Urban Cluster",
    ),
    _prov(
        "Yunnan",
        "Kunming",
        "Qujing Yuxi Baoshan Zhaotong Pu'er Lincang Chuxiong Dali Mengzi",
        "Central Yunnan Urban Cluster",
    ),
    _prov(
        "Tibet",
        "Lhasa",
        "Shigatse Nyingchi Qamdo Shannan",
        "Qinghai-Tibet Plateau",
        "Tibet Autonomous Region",
    ),
    _prov(
        "Shaanxi",
        "Xi'an",
        "Tongchuan Baoji Xianyang Weinan Yan'an Hanzhong Ankang Shangluo",
        "Guanzhong Plain",
    ),
    _prov("Qinghai", "Xining", "Haidong Golmud Delingha Yushu", "Hehuang Valley"),
    _prov(
        "Ningxia",
        "Yinchuan",
        "Shizuishan Wuzhong Guyuan Zhongwei",
        "Yellow River Basin",
        "Ningxia Hui Autonomous Region",
    ),
    _prov(
        "Xinjiang",
        "Urumqi",
        "Karamay Turpan Hami Korla Aksu Kashgar Yining Shihezi",
        "Tianshan North Slope",
        "Xinjiang Uygur Autonomous Region",
    ),
)

# Real district and county names (deduplicated), combined freely with the cities above.
DISTRICTS: tuple[str, ...] = (
    "Xinbei",
    "Wujin",
    "Jiangning",
    "Qixia",
    "Pukou",
    "Xishan",
    "Huishan",
    "Binhu",
    "Liangxi",
    "Xinwu",
    "Gusu",
    "Xiangcheng",
    "Kunshan",
    "Changshu",
    "Taicang",
    "Zhangjiagang",
    "Jiangyin",
    "Yixing",
    "Danyang",
    "Haimen",
    "Rugao",
    "Qidong",
    "Jinjiang",
    "Shishi",
    "Nan'an",
    "Fuqing",
    "Changle",
    "Minhou",
    "Jimei",
    "Haicang",
    "Tong'an",
    "Xiang'an",
    "Licheng",
    "Fengze",
    "Luojiang",
    "Shunde",
    "Nanhai",
    "Chancheng",
    "Gaoming",
    "Sanshui",
    "Xiangzhou",
    "Doumen",
    "Jinwan",
    "Huiyang",
    "Huicheng",
    "Pengjiang",
    "Xinhui",
    "Taishan",
    "Kaiping",
    "Heshan",
    "Jinshui",
    "Zhongyuan",
    "Erqi",
    "Huiji",
    "Guancheng",
    "Xinzheng",
    "Xingyang",
    "Gongyi",
    "Dengfeng",
    "Laoshan",
    "Shibei",
    "Shinan",
    "Licang",
    "Chengyang",
    "Jiaozhou",
    "Pingdu",
    "Laixi",
    "Huangdao",
    "Jimo",
    "Lixia",
    "Huaiyin",
    "Tianqiao",
    "Zhangqiu",
    "Changqing",
    "Wuchang",
    "Hanyang",
    "Qiaokou",
    "Hongshan",
    "Dongxihu",
    "Caidian",
    "Jiangxia",
    "Huangpi",
    "Yuelu",
    "Furong",
    "Tianxin",
    "Kaifu",
    "Wangcheng",
    "Liuyang",
    "Ningxiang",
    "Qingyang",
    "Wuhou",
    "Chenghua",
    "Longquanyi",
    "Wenjiang",
    "Pidu",
    "Xindu",
    "Shuangliu",
    "Yanta",
    "Beilin",
    "Lianhu",
    "Weiyang",
    "Baqiao",
    "Lintong",
    "Gaoling",
    "Huqiu",
    "Nanming",
    "Yunyan",
    "Huaxi",
    "Wudang",
    "Guanshanhu",
    "Wuhua",
    "Panlong",
    "Guandu",
    "Chenggong",
    "Jinning",
    "Xingning",
    "Qingxiu",
    "Liangqing",
    "Yongning",
    "Meilan",
    "Xiuying",
    "Qiongshan",
    "Huimin",
    "Yuquan",
    "Saihan",
    "Kundulun",
    "Donghe",
    "Shahekou",
    "Xigang",
    "Ganjingzi",
    "Lyushunkou",
    "Shenhe",
    "Dadong",
    "Huanggu",
    "Tiexi",
    "Hunnan",
    "Shenbei",
    "Sujiatun",
    "Nanguan",
    "Kuancheng",
    "Erdao",
    "Lvyuan",
    "Shuangyang",
    "Qiaoxi",
    "Luquan",
    "Gaocheng",
    "Zhengding",
    "Xiaodian",
    "Yingze",
    "Xinghualing",
    "Jinyuan",
    "Jianye",
    "Xuanwu",
    "Qinhuai",
    "Yuhuatai",
    "Luhe",
    "Gaochun",
    "Jiangdu",
    "Hanjiang",
    "Guangling",
    "Chongchuan",
    "Tongshan",
    "Jiawang",
    "Quanshan",
    "Yunlong",
    "Haizhou",
    "Ganyu",
    "Donghai",
    "Guannan",
    "Xiangshui",
    "Funing",
    "Sheyang",
    "Jianhu",
    "Dongtai",
    "Baoying",
    "Gaoyou",
    "Yizheng",
    "Jurong",
    "Yangzhong",
    "Xinghua",
    "Jingjiang",
    "Taixing",
    "Shuyang",
    "Siyang",
    "Sihong",
    "Lujiang",
    "Feixi",
    "Feidong",
    "Changfeng",
    "Jinzhai",
    "Huoshan",
    "Shexian",
    "Qimen",
    "Yixian",
    "Wuyuan",
    "Lushan",
    "Duchang",
    "Pengze",
    "Ruijin",
    "Yudu",
    "Xingguo",
    "Nankang",
    "Jinggangshan",
    "Yongxin",
    "Wannian",
    "Poyang",
    "Yujiang",
    "Guixi",
    "Zhangshu",
    "Fengcheng",
    "Gao'an",
    "Jing'an",
    "Yongxiu",
    "Anfu",
    "Taihe",
    "Suichuan",
    "Longhai",
    "Zhangpu",
    "Dongshan",
    "Yunxiao",
    "Pinghe",
    "Hua'an",
    "Anxi",
    "Yongchun",
    "Dehua",
    "Hui'an",
    "Xianyou",
    "Youxi",
    "Jianou",
    "Wuyishan",
    "Shaowu",
    "Changting",
    "Liancheng",
    "Shanghang",
    "Fuding",
    "Xiapu",
    "Gutian",
    "Pingnan",
    "Zhouning",
    "Rongcheng",
    "Rushan",
    "Wendeng",
    "Penglai",
    "Longkou",
    "Laiyang",
    "Haiyang",
    "Zhaoyuan",
    "Shouguang",
    "Qingzhou",
    "Zhucheng",
    "Anqiu",
    "Gaomi",
    "Changyi",
    "Qufu",
    "Zoucheng",
    "Sishui",
    "Weishan",
    "Feicheng",
    "Xintai",
    "Mengyin",
    "Pingyi",
    "Juxian",
    "Wulian",
    "Lanling",
    "Tancheng",
    "Yishui",
    "Gongqingcheng",
    "Xinmi",
    "Yanshi",
    "Mengjin",
    "Ruyang",
    "Luanchuan",
    "Songxian",
    "Yichuan",
    "Huixian",
    "Weihui",
    "Qinyang",
    "Mengzhou",
    "Yuzhou",
    "Changge",
    "Dengzhou",
    "Xixia",
    "Neixiang",
    "Xichuan",
    "Gushi",
    "Huangchuan",
    "Jiayu",
    "Chibi",
    "Tongcheng",
    "Macheng",
    "Wuxue",
    "Zaoyang",
    "Yicheng",
    "Laohekou",
    "Danjiangkou",
    "Zhijiang",
    "Dangyang",
    "Yidu",
    "Zigui",
    "Xingshan",
    "Shennongjia",
    "Liling",
    "Shaoshan",
    "Xiangxiang",
    "Leiyang",
    "Changning",
    "Miluo",
    "Linxiang",
    "Jinshi",
    "Lixian",
    "Taoyuan",
    "Yuanjiang",
    "Nanxian",
    "Zixing",
    "Hongjiang",
    "Lianyuan",
    "Lengshuijiang",
    "Jishou",
    "Fenghuang",
    "Dujiangyan",
    "Pengzhou",
    "Qionglai",
    "Chongzhou",
    "Jianyang",
    "Jintang",
    "Dayi",
    "Pujiang",
    "Xinjin",
    "Guanghan",
    "Shifang",
    "Mianzhu",
    "Jiangyou",
    "Langzhong",
    "Emeishan",
    "Jiajiang",
    "Qingchuan",
    "Wanyuan",
    "Huaying",
    "Renshou",
    "Danling",
    "Hongya",
    "Xichang",
    "Kangding",
    "Qingzhen",
    "Xifeng",
    "Kaiyang",
    "Xiuwen",
    "Renhuai",
    "Chishui",
    "Meitan",
    "Fenggang",
    "Zhenyuan",
    "Leishan",
    "Libo",
    "Xingyi",
    "Anning",
    "Yiliang",
    "Shilin",
    "Songming",
    "Xuanwei",
    "Fuyuan",
    "Chengjiang",
    "Tonghai",
    "Tengchong",
    "Ruili",
    "Mangshi",
    "Gejiu",
    "Jianshui",
    "Menghai",
    "Mengla",
    "Jinghong",
    "Yongsheng",
    "Dongchuan",
    "Shizong",
    "Luoping",
    "Heqing",
    "Jianchuan",
    "Chengguan",
    "Duilong",
    "Gonggar",
    "Xigaze",
    "Zhongba",
    "Datong",
    "Huzhu",
    "Minhe",
    "Ledu",
    "Guide",
    "Menyuan",
    "Helan",
    "Lingwu",
    "Pingluo",
    "Tongxin",
    "Yanchi",
    "Longde",
    "Changji",
    "Fukang",
    "Wujiaqu",
    "Kuytun",
    "Shawan",
    "Manas",
    "Bole",
    "Aral",
    "Tumxuk",
    "Hetian",
    "Korgas",
    "Zhaosu",
    "Tekes",
    "Nilka",
    "Xinyuan",
    "Gongliu",
    "Burqin",
    "Altay",
    "Habahe",
    "Jeminay",
    "Qitai",
    "Jimsar",
    "Mulei",
    "Barkol",
    "Toksun",
    "Shanshan",
    "Luntai",
    "Yuli",
    "Hejing",
    "Bohu",
    "Hejian",
    "Renqiu",
    "Bazhou",
    "Sanhe",
    "Zunhua",
    "Qian'an",
    "Luanzhou",
    "Qianxi",
    "Laoting",
    "Changli",
    "Weichang",
    "Fengning",
    "Xinglong",
    "Zhuozhou",
    "Dingzhou",
    "Anguo",
    "Gaobeidian",
    "Xiongxian",
    "Anxin",
    "Quyang",
    "Wu'an",
    "Cixian",
    "Nangong",
    "Shahe",
    "Jinzhou",
    "Xinji",
    "Jinzhong",
    "Pingyao",
    "Qixian",
    "Taigu",
    "Lingshi",
    "Jiexiu",
    "Gujiao",
    "Qingxu",
    "Yangqu",
    "Huairen",
    "Yingxian",
    "Daixian",
    "Wutai",
    "Fanshi",
    "Hongtong",
    "Houma",
    "Huozhou",
    "Xiaoyi",
    "Fenyang",
    "Hejin",
    "Yongji",
    "Ruicheng",
    "Pinglu",
    "Gaoping",
    "Zezhou",
    "Yangcheng",
    "Qinshui",
    "Lucheng",
    "Xiangyuan",
    "Zhungeer",
    "Dalad",
    "Ejin",
    "Erenhot",
    "Manzhouli",
    "Yakeshi",
    "Zalantun",
    "Genhe",
    "Arxan",
    "Ulanhot",
    "Horqin",
    "Kailu",
    "Naiman",
    "Hexigten",
    "Linxi",
    "Ningcheng",
    "Aohan",
    "Wengniute",
    "Dengkou",
    "Urad",
    "Zhuozi",
    "Liangcheng",
    "Fengzhen",
    "Tuoketuo",
    "Tumed",
    "Xinmin",
    "Liaozhong",
    "Kangping",
    "Faku",
    "Wafangdian",
    "Zhuanghe",
    "Pulandian",
    "Haicheng",
    "Tai'an",
    "Xiuyan",
    "Kuandian",
    "Donggang",
    "Linghai",
    "Beizhen",
    "Gaizhou",
    "Dashiqiao",
    "Dengta",
    "Kaiyuan",
    "Xingcheng",
    "Suizhong",
    "Jianchang",
    "Beipiao",
    "Lingyuan",
    "Yushu",
    "Dehui",
    "Nong'an",
    "Gongzhuling",
    "Shuangliao",
    "Meihekou",
    "Ji'an",
    "Linjiang",
    "Fusong",
    "Changbai",
    "Da'an",
    "Taonan",
    "Dunhua",
    "Hunchun",
    "Longjing",
    "Helong",
    "Antu",
)

SURNAMES: tuple[str, ...] = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Hu",
    "Zhu",
    "Gao",
    "Lin",
    "He",
    "Guo",
    "Ma",
    "Luo",
    "Liang",
    "Song",
    "Zheng",
    "Xie",
    "Han",
    "Tang",
    "Feng",
    "Yu",
    "Dong",
    "Xiao",
    "Cheng",
    "Cao",
    "Yuan",
    "Deng",
    "Fu",
    "Shen",
    "Zeng",
    "Peng",
    "Su",
    "Lu",
    "Jiang",
    "Cai",
    "Jia",
    "Ding",
    "Wei",
    "Xue",
    "Ye",
    "Yan",
    "Pan",
    "Du",
    "Dai",
    "Xia",
    "Zhong",
    "Tian",
    "Ren",
    "Fan",
    "Fang",
    "Shi",
    "Yao",
    "Tan",
    "Liao",
    "Zou",
    "Xiong",
    "Jin",
    "Hao",
    "Kong",
    "Bai",
    "Cui",
    "Kang",
    "Mao",
    "Qiu",
    "Qin",
    "Gu",
    "Hou",
    "Shao",
    "Meng",
    "Long",
    "Wan",
    "Duan",
    "Lei",
    "Qian",
    "Yin",
    "Yi",
    "Chang",
    "Qiao",
    "Gong",
    "Wen",
    "Lai",
    "Ou",
    "Niu",
    "Xing",
    "Geng",
    "Guan",
    "Zuo",
    "Shang",
    "Mu",
)
_GIVEN_FIRST: tuple[str, ...] = (
    "Jian",
    "Xiao",
    "Hai",
    "Wei",
    "Jun",
    "Yu",
    "Zhi",
    "Guo",
    "Ming",
    "Hong",
    "Li",
    "Xin",
    "Yong",
    "Chun",
    "Qing",
    "Wen",
    "Jia",
    "Rui",
    "Hao",
    "Lei",
    "Zhen",
    "Ya",
    "Shu",
    "Dong",
    "Xue",
    "Yun",
    "Hui",
    "Jing",
    "Tian",
    "Peng",
    "Kai",
    "Lan",
    "Mei",
    "Bing",
    "Xiang",
    "De",
    "Cheng",
    "Ning",
    "Yan",
)
_GIVEN_SECOND: tuple[str, ...] = (
    "hua",
    "ming",
    "ping",
    "jun",
    "lin",
    "feng",
    "bo",
    "yan",
    "qiang",
    "tao",
    "ying",
    "xia",
    "long",
    "gang",
    "min",
    "fang",
    "yi",
    "ning",
    "jie",
    "hui",
    "wei",
    "rong",
    "xin",
    "yu",
    "qing",
    "chao",
    "dong",
    "hong",
    "jian",
    "an",
    "zhen",
    "li",
    "yang",
    "shan",
)
_GIVEN_SINGLE: tuple[str, ...] = (
    "Tao",
    "Jie",
    "Lei",
    "Min",
    "Fang",
    "Jun",
    "Wei",
    "Yan",
    "Ying",
    "Gang",
    "Ning",
    "Bo",
    "Hui",
    "Jing",
    "Hong",
    "Qiang",
)
# Whole-word matches of any seed or reserved name, e.g. a person called "Xie Ningbo".
_FORBIDDEN = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in SEED_NAMES + RESERVED_NAMES) + r")\b", re.IGNORECASE
)

NATIONAL_MEDIA = (
    "Xinhua News Agency",
    "China Daily",
    "Economic Daily",
    "Guangming Daily",
    "China Youth Daily",
    "The Paper",
    "21st Century Business Herald",
    "Science and Technology Daily",
    "Workers' Daily",
    "China News Service",
    "Legal Daily",
    "People's Daily Online",
    "China Economic Net",
    "CGTN",
    "Phoenix TV",
    "China National Radio",
    "Caixin",
    "China Business Network",
)
WEB_SITES = ("China.org.cn", "ChinaNews.com", "Chinadaily.com.cn", "News.cn", "CGTN.com", "Ecns.cn")

INDUSTRIES = (
    "advanced petrochemicals",
    "equipment manufacturing",
    "biomedicine",
    "green metallurgy",
    "aerospace",
    "new energy",
    "new materials",
    "electronic information",
    "digital economy",
    "modern agriculture",
    "automobiles",
    "high-end equipment",
    "integrated circuits",
    "artificial intelligence",
    "cultural tourism",
    "modern logistics",
    "energy storage",
    "marine economy",
    "rare earth materials",
    "intelligent manufacturing",
    "health care",
    "financial services",
    "hydrogen energy",
    "software and information services",
)
SUPPORT_POLICIES = (
    "project cooperation",
    "academic guidance",
    "part-time service",
    "platform creation",
    "temporary job assistance",
    "retirement re-employment",
    "technical consulting",
    "joint research",
    "weekend engineer service",
    "studio establishment",
    "remote guidance",
)
SITE_SECTIONS = (
    "talent policy",
    "talent resource library",
    "public service",
    "talent engineering",
    "project display",
    "college student internship",
    "job search",
    "expert database",
    "policy calculator",
    "online consultation",
)
TALENT_GROUPS = (
    "high-level talents",
    "education talents",
    "health talents",
    "high-skilled talents",
    "financial talents",
    "cultural talents",
    "agricultural talents",
    "young scientists",
)
OVERSEAS_PROJECTS = (
    "health care",
    "smart health",
    "rural tourism",
    "film and television bases",
    "tea processing",
    "mineral water",
    "eco-agriculture",
    "forest recreation",
    "sports tourism",
    "digital villages",
    "traditional Chinese medicine",
    "homestay tourism",
)
COUNTRIES = (
    "Malaysia",
    "Thailand",
    "Indonesia",
    "the Philippines",
    "Canada",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "the Netherlands",
    "New Zealand",
    "South Korea",
    "the United Kingdom",
    "Brazil",
    "Argentina",
    "South Africa",
    "Vietnam",
    "Cambodia",
    "Portugal",
    "Sweden",
    "Hungary",
    "Kazakhstan",
    "the United Arab Emirates",
    "Ireland",
    "Belgium",
    "Switzerland",
    "Chile",
)
FOREIGN_CITIES = (
    ("Kuala Lumpur", "Malaysia"),
    ("Bangkok", "Thailand"),
    ("Jakarta", "Indonesia"),
    ("Manila", "the Philippines"),
    ("Toronto", "Canada"),
    ("Vancouver", "Canada"),
    ("Frankfurt", "Germany"),
    ("Hamburg", "Germany"),
    ("Paris", "France"),
    ("Milan", "Italy"),
    ("Madrid", "Spain"),
    ("Rotterdam", "the Netherlands"),
    ("Auckland", "New Zealand"),
    ("Seoul", "South Korea"),
    ("London", "the United Kingdom"),
    ("Sao Paulo", "Brazil"),
    ("Johannesburg", "South Africa"),
    ("Dubai", "the United Arab Emirates"),
)
OVERSEAS_REGIONS = (
    "Southeast Asia and Oceania",
    "Southeast Asia and the Middle East",
    "Africa and Oceania",
    "Central Asia and Russia",
    "Southeast Asia and Africa",
    "the Nordic countries and Canada",
    "Canada and New Zealand",
    "Southeast Asia and South Korea",
)
HERBS = ("Tianma", "Chuanxiong", "Danshen", "Gouqi", "Sanqi", "Fuling", "Dangshen", "Jinyinhua")
BRANDS = (
    "Hengtai",
    "Zhongke",
    "Ruida",
    "Xinyuan",
    "Huaxin",
    "Tianrun",
    "Kaida",
    "Jinke",
    "Boyuan",
    "Lianchuang",
    "Haitian",
    "Dingsheng",
    "Yuanda",
    "Zhiyuan",
    "Longxin",
    "Hongtu",
    "Anke",
)
# (field, company line, first breakthrough, second breakthrough)
FIELDS = (
    (
        "robotics",
        "Intelligent Equipment",
        "key technologies regarding robots' ability to work in high-temperature workshops",
        "domestic production of rehabilitation robots",
    ),
    (
        "new materials",
        "New Materials",
        "key technologies for high-strength carbon fiber",
        "domestic production of aerospace-grade alloys",
    ),
    (
        "photonics",
        "Photoelectric Technology",
        "key technologies for high-power lasers",
        "domestic production of infrared imaging chips",
    ),
    (
        "agricultural science",
        "Agricultural Technology",
        "key technologies for cold-resistant rice breeding",
        "large-scale production of biological fertilizers",
    ),
    (
        "marine engineering",
        "Marine Equipment",
        "key technologies for deep-sea drilling equipment",
        "domestic production of underwater inspection robots",
    ),
    (
        "artificial intelligence",
        "Intelligent Technology",
        "key technologies in machine vision",
        "domestic production of intelligent inspection systems",
    ),
    (
        "energy engineering",
        "Energy Technology",
        "key technologies for hydrogen fuel cells",
        "domestic production of large energy storage batteries",
    ),
    (
        "biomedicine",
        "Biopharmaceutical",
        "key technologies for new vaccine platforms",
        "domestic production of medical imaging equipment",
    ),
)
PROGRAMME_ADJECTIVES = (
    "Soaring",
    "Golden",
    "Rising",
    "Flying",
    "Homing",
    "Pioneer",
    "Bright",
    "Mountain",
    "Sea",
    "Spring",
    "Morning",
    "Blue Sky",
    "Silver",
    "Red",
)
PROGRAMME_NOUNS = (
    "Eagle",
    "Phoenix",
    "Crane",
    "Swallow",
    "Dragon",
    "Falcon",
    "Pine",
    "Bamboo",
    "Orchid",
    "Star",
    "Seedling",
    "Sail",
    "Peak",
)
TALENT_PROGRAMS = (
    "Hundred Talents Program",
    "Thousand Talents Program",
    "Top Talents Program",
    "Pearl Talents Program",
    "Young Elite Program",
    "Outstanding Scholars Program",
    "Double Hundred Program",
    "Special Support Program",
)
HUBS = (
    "Talent Home",
    "Talent Harbor",
    "Juxian Hub",
    "Talent Station",
    "Innovation Hub",
    "Qiushi Hub",
    "Talent Service Center",
    "Talent Apartment Complex",
)
BANK_PRODUCTS = (
    "Talent Credit Bank",
    "Talent Finance Station 3.0",
    "Talent Service Bank 3.0",
    "Talent Venture Bank",
    "Talent Finance Service Center",
    "Talent Loan Express",
)
REFORMS = (
    "One Window Handling",
    "Zero Errand Service",
    "One Code Access",
    "Instant Approval",
    "One Network Handling",
    "One Form Application",
)
ACADEMY_HOMES = ("Academician Workstation", "Expert Home", "Scholar House", "Academician Garden")
METHODS = (
    "four-pronged work method",
    "four-link work mechanism",
    "four-in-one work model",
    "four-dimension work approach",
    "four-heart service method",
    "four-chain work method",
)
OFFICIAL_TITLES = (
    "director of the talent office",
    "deputy secretary of the CPC committee",
    "head of the human resources and social security bureau",
    "deputy mayor",
    "director of the organization department",
    "deputy director of the administrative committee",
)
# Where each province lies, as in "Southwest China's Chengdu".
COMPASS = {
    "Hebei": "North",
    "Shanxi": "North",
    "Inner Mongolia": "North",
    "Liaoning": "Northeast",
    "Jilin": "Northeast",
    "Jiangsu": "East",
    "Anhui": "East",
    "Fujian": "Southeast",
    "Jiangxi": "East",
    "Shandong": "East",
    "Henan": "Central",
    "Hubei": "Central",
    "Hunan": "Central",
    "Guangdong": "South",
    "Guangxi": "South",
    "Hainan": "South",
    "Sichuan": "Southwest",
    "Guizhou": "Southwest",
    "Yunnan": "Southwest",
    "Tibet": "Southwest",
    "Shaanxi": "Northwest",
    "Qinghai": "Northwest",
    "Ningxia": "Northwest",
    "Xinjiang": "Northwest",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBR = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_WORD_NUMBERS = NUMBER_WORDS[:13]  # zero to twelve: the counts the templates write out

# ----------------------------------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------------------------------

_FIGURE = re.compile(r"\[\[([^\]|]+)(?:\|(\w+))?\]\]")


def _word_number(rng: random.Random, literal: str) -> str:
    """Another number word between two and ten, capitalised like the original."""
    old = _WORD_NUMBERS.index(literal.lower())
    new = rng.choice([n for n in range(2, 11) if n != old])
    word = _WORD_NUMBERS[new]
    return word.capitalize() if literal[0].isupper() else word


def other_figure(rng: random.Random, literal: str) -> str:
    """A different figure of the same shape and similar size: '825,000' -> '512,000'."""
    if literal.lower() in _WORD_NUMBERS:
        return _word_number(rng, literal)
    percent = literal.endswith("%")
    core = literal.rstrip("%")
    value = float(core.replace(",", ""))
    decimals = len(core.split(".")[1]) if "." in core else 0
    if decimals:
        step = 10.0**-decimals
    else:
        digits = core.replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0 ** (zeros if zeros < len(digits) - 1 else max(zeros - 1, 0))
    for _ in range(50):
        new = round(value * rng.uniform(0.4, 2.5) / step) * step
        if percent and new >= 100:
            new = round(value * rng.uniform(0.4, 0.95) / step) * step
        new = max(new, step)
        text = f"{new:.{decimals}f}" if decimals else (f"{int(new):,}" if "," in core else str(int(new)))
        if text != core:
            return text + ("%" if percent else "")
    return f"{value + step:.{decimals}f}" + ("%" if percent else "")  # pragma: no cover


# ----------------------------------------------------------------------------------------------
# Slots: the names and figures of one article, drawn lazily and then reused
# ----------------------------------------------------------------------------------------------


def _person(rng: random.Random) -> str:
    """A Chinese name in pinyin, surname first."""
    given = (
        rng.choice(_GIVEN_SINGLE)
        if rng.random() < 0.2
        else (rng.choice(_GIVEN_FIRST) + rng.choice(_GIVEN_SECOND))
    )
    return f"{rng.choice(SURNAMES)} {given}"


class Slots(dict[str, str]):
    """Values for one article's ``{slots}``; a missing slot is drawn once, then reused."""

    def __init__(self, rng: random.Random, when: date) -> None:
        """Draw the article's date, province, city and district."""
        super().__init__()
        self.rng = rng
        self.when = when
        self.province = rng.choice(PROVINCES)
        self.city_is_capital = self.province.capital is not None and rng.random() < 0.35
        city = self.province.capital if self.city_is_capital else rng.choice(self.province.cities)
        assert city is not None
        p = self.province
        self.update(
            province=p.name,
            province_full=p.full if p.is_region else f"{p.name} province",
            Province_full=p.full,
            prov_kind="region" if p.is_region else "province",
            prov_adj="regional" if p.is_region else "provincial",
            committee=(f"CPC {p.full}al Committee" if p.is_region else f"CPC {p.name} Provincial Committee"),
            region=p.region,
            city=city,
            CITY=city.upper(),
            district=rng.choice(DISTRICTS),
            year=str(when.year),
            prev_year=str(when.year - 1),
            year_m2=str(when.year - 2),
            past_year=str(when.year - rng.randint(2, 6)),
            month=MONTHS[when.month - 1],
            next_month=MONTHS[when.month % 12],
            day=str(when.day),
            mon_abbr=_MONTH_ABBR[when.month - 1],
            date_long=f"{MONTHS[when.month - 1]} {when.day}, {when.year}",
        )

    def __missing__(self, key: str) -> str:
        """Draw a value for ``key`` with its maker, remember it and return it."""
        if key.endswith("_surname"):
            value = self[key[: -len("_surname")]].split()[0]
        else:
            maker = _MAKERS.get(key) or _MAKERS.get(key.rstrip("0123456789"))
            if maker is None:
                raise KeyError(f"no maker for slot {{{key}}}")
            value = maker(self, key)
        self[key] = self.get(key, value)  # a maker may already have set it (paired slots)
        return self[key]

    def figure(self, match: re.Match[str]) -> str:
        """Replacement for one ``[[figure]]`` or ``[[figure|name]]`` marker."""
        literal, name = match.group(1), match.group(2)
        if name is None:
            return other_figure(self.rng, literal)
        key = f"figure:{name}"
        if key not in self:
            self[key] = other_figure(self.rng, literal)
        return self[key]

    def fill(self, template: str) -> str:
        """The template with every figure and slot filled."""
        if "[[" in template:
            template = _FIGURE.sub(self.figure, template)
        return template.format_map(self)

    def distinct(self, key: str, draw: Callable[[], str]) -> str:
        """A drawn value not yet used by a slot of the same family (city, city2, ..., city9)."""
        family = key.rstrip("0123456789")
        used = [self[k] for k in (family, *(f"{family}{i}" for i in range(2, 10))) if k in self]
        for _ in range(30):
            value = draw()
            if value not in used:
                return value
        return value


def _listing(
    count_key: str,
    list_key: str,
    pool: Sequence[str],
    low: int,
    high: int,
    *,
    capital: bool = False,
    always: str = "",
) -> Callable[[Slots, str], str]:
    """A maker that sets a count word and a matching English list drawn from ``pool``."""

    def make(s: Slots, key: str) -> str:
        k = s.rng.randint(low, high)
        items = s.rng.sample(list(pool), k - bool(always))
        if always:
            items.append(always)
        word = _WORD_NUMBERS[k]
        s[count_key] = word.capitalize() if capital else word
        s[list_key] = ", ".join(items[:-1]) + ", and " + items[-1]
        return s[key]

    return make


def _city(s: Slots, key: str) -> str:
    """Another city of the article's province (any province's city once those run out)."""
    pool = s.province.all_cities
    if len(pool) < 5:
        pool = pool + tuple(c for p in PROVINCES for c in p.cities[:2])
    return s.distinct(key, lambda: s.rng.choice(pool))


def _place(s: Slots, key: str) -> str:
    """The subject of a bank article: a city, district, county, new area, zone or province."""
    city, district, rng = s["city"], s["district"], s.rng
    kind = rng.randrange(7)
    if kind <= 1:
        place, short = (f"{city} City" if kind else city), city
    elif kind == 2:
        place, short = f"{district} District of {city}", f"{district} District"
    elif kind == 3:
        place, short = f"{district} County of {city}", f"{district} County"
    elif kind == 4:
        place, short = f"{city} {district} New Area", f"{district} New Area"
    elif kind == 5:
        place, short = f"{city} {district} High-tech Zone", f"{district} High-tech Zone"
    else:
        place, short = s["province_full"], s["province"]
    s["place"], s["place_short"] = place, short
    s["domain"] = re.sub(r"[^a-z]", "", (city if kind <= 1 else district).lower())
    return s[key]


def _field(s: Slots, key: str) -> str:
    """A research field with a company line and two breakthroughs."""
    field, line, feat1, feat2 = s.rng.choice(FIELDS)
    s.update(field=field, field_line=line, feat1=feat1, feat2=feat2)
    return s[key]


def _foreign_city(s: Slots, key: str) -> str:
    """A foreign city and its country."""
    s["fcity"], s["fcountry"] = s.rng.choice(FOREIGN_CITIES)
    return s[key]


def _event_span(s: Slots, key: str) -> str:
    """A two-day event a few days after the article date: 'November 21 to 22'."""
    first = s.when + timedelta(days=s.rng.randint(2, 10))
    second = first + timedelta(days=1)
    tail = str(second.day) if second.month == first.month else f"{MONTHS[second.month - 1]} {second.day}"
    return f"{MONTHS[first.month - 1]} {first.day} to {tail}"


def _byline_outlet(s: Slots, key: str) -> str:
    """A newspaper for a byline."""
    p, city = s["province"], s["city"]
    return s.rng.choice(
        (
            f"New {p}·{p} Daily",
            f"{p} Daily",
            f"{city} Evening News",
            f"{p} News Network",
            s.rng.choice(NATIONAL_MEDIA),
        )
    )


def _source(s: Slots, key: str) -> str:
    """An organisation for a SOURCE or [Source: ...] line."""
    p, city, district = s["Province_full"], s["city"], s["district"]
    return s.rng.choice(
        (
            f"{city} {district} New Area Administrative Committee",
            f"{city} Municipal Human Resources and Social Security Bureau",
            f"Talent Office of {s['committee']}",
            f"Website of the Department of Human Resources and Social Security of {p}",
            f"{s['province']} Daily",
            "Xinhua",
            "China Daily",
            f"Website of the Organization Department of the {s['committee']}",
        )
    )


def _choice(pool: Sequence[str]) -> Callable[[Slots, str], str]:
    """A maker that picks distinct values from ``pool``."""
    return lambda s, key: s.distinct(key, lambda: s.rng.choice(pool))


_MAKERS: dict[str, Callable[[Slots, str], str]] = {
    "city": _city,
    "district": _choice(DISTRICTS),
    "person": lambda s, key: s.distinct(key, lambda: _pick_person(s.rng)),
    "media": _choice(NATIONAL_MEDIA),
    "site": _choice(WEB_SITES),
    "outlet": _byline_outlet,
    "source": _source,
    "title": _choice(OFFICIAL_TITLES),
    "compass": lambda s, key: COMPASS[s.province.name],
    "month_a": _choice(MONTHS),
    "month_b": _choice(MONTHS),
    "event_span": _event_span,
    "goose": lambda s, key: f"{s.rng.choice(PROGRAMME_ADJECTIVES)} {s.rng.choice(PROGRAMME_NOUNS)}",
    "talent_program": _choice(TALENT_PROGRAMS),
    "hub": _choice(HUBS),
    "bank_product": _choice(BANK_PRODUCTS),
    "reform": _choice(REFORMS),
    "academy_home": _choice(ACADEMY_HOMES),
    "method": _choice(METHODS),
    "herb": _choice(HERBS),
    "brand": _choice(BRANDS),
    "country": _choice(COUNTRIES),
    "overseas_regions": _choice(OVERSEAS_REGIONS),
    "fcity": _foreign_city,
    "fcountry": _foreign_city,
    "field": _field,
    "field_line": _field,
    "feat1": _field,
    "feat2": _field,
    "university": lambda s, key: s.rng.choice(
        (
            f"{s['city']} University of Technology",
            f"{s['province']} University of Science and Technology",
            f"{s['city']} Institute of Technology",
            f"{s['province']} University",
        )
    ),
    "company": lambda s, key: f"{s['city']} {s['brand' + key[7:]]} {s['field_line']} Co. Ltd.",
    "place": _place,
    "place_short": _place,
    "domain": _place,
    "industry_count": _listing("industry_count", "industry_list", INDUSTRIES, 3, 7),
    "industry_list": _listing("industry_count", "industry_list", INDUSTRIES, 3, 7),
    "policy_count": _listing(
        "policy_count", "policy_list", SUPPORT_POLICIES, 5, 8, always="“enclave” talent introduction"
    ),
    "section_count": _listing("section_count", "section_list", SITE_SECTIONS, 4, 7),
    "doc_count": _listing("doc_count", "doc_list", TALENT_GROUPS, 3, 5, capital=True),
    "young_age": _choice(("35", "38", "40", "45")),
    "max_age": _choice(("45", "50", "55")),
    "retire_age": _choice(("65", "68", "70", "75")),
    "months_a_year": _choice(("two", "three", "four")),
    "day_a": lambda s, key: str(s.rng.randint(1, 28)),
    "project_list": lambda s, key: ", ".join(s.rng.sample(OVERSEAS_PROJECTS, s.rng.randint(3, 5))),
    "season": _choice(("spring", "summer", "autumn", "winter")),
    "ordinal": _choice(("first", "second", "third")),
    "city_desc": lambda s, key: (
        f"the capital of {s['province_full']}"
        if s.city_is_capital
        else f"a prefecture-level city in {s['province_full']}"
    ),
    "city_rank": lambda s, key: f"{s['prov_adj']} capital" if s.city_is_capital else "regional central city",
}


def _pick_person(rng: random.Random) -> str:
    """A person name that neither is nor contains a seed or reserved name."""
    name = _person(rng)
    while _FORBIDDEN.search(name):
        name = _person(rng)
    return name


# ----------------------------------------------------------------------------------------------
# Seed templates
# ----------------------------------------------------------------------------------------------


class Group(NamedTuple):
    """Paragraphs kept together; in an optional group, those after the first may be dropped."""

    required: bool
    paragraphs: tuple[str, ...]


class Style(NamedTuple):
    """An article's trappings."""

    date_stamp: bool = False
    dateline: bool = False
    byline: bool = False
    source: str = ""  # "", "wire" (SOURCE ...) or "bracket" ([Source: ...])
    header: str = ""
    footer: str = ""


class SeedTemplate(NamedTuple):
    """A seed article as fillable paragraph groups, with the seed's own trappings."""

    name: str
    groups: tuple[Group, ...]
    style: Style
    sep: str = "\n\n"


def _req(*paragraphs: str) -> Group:
    """A group every article of the template keeps."""
    return Group(True, paragraphs)


def _opt(*paragraphs: str) -> Group:
    """A group that may be dropped."""
    return Group(False, paragraphs)


_HEADER_CHINA_ORG = "0 Comment(s)Print E-mail {site}, {date_long}\nAdjust font size:"
_FOOTER_CHINA_ORG = (
    "Follow {site} on Twitter and Facebook to join the conversation.\n"
    "ChinaNews App Download\nPrint E-mail Bookmark and Share"
)

SEED_TEMPLATES: tuple[SeedTemplate, ...] = (
    SeedTemplate(
        "lanzhou",
        (
            _req(
                "{city} City, {city_desc} in China, has launched a new initiative to attract and "
                "retain high-quality talent. With the aim of creating a strong {city_rank} talent "
                "development pattern, {city} City has deployed its first batch of flexible talent "
                "introduction applications in {year}."
            ),
            _opt(
                "The flexible talent introduction work began in early {month} and lasted until early "
                "{next_month}, focusing on {industry_count} major areas for key talent introduction. "
                "These areas include {industry_list}, and more. The goal is to gather talent in "
                "industries that are crucial for the high-quality development of {city}."
            ),
            _opt(
                "To be eligible for flexible talent introduction, individuals must possess good "
                "professional ethics, strong teamwork spirit, and solid professional knowledge or "
                "skills. They must be able to meet the cooperation needs of employers and "
                "significantly contribute to innovation, team building, and talent development in "
                "their respective fields. Additionally, they must have the necessary physical "
                "condition to carry out intellectual services in {city} and have appropriate social "
                "insurance coverage."
            ),
            _opt(
                "Employers seeking to utilize flexible talent introduction must meet certain "
                "criteria. They must be registered in the administrative area of {city} and can "
                "include enterprises, public institutions, and scientific research institutes. These "
                "entities must have independent legal person qualifications and be in good "
                "operation. They should also have clear intelligence, technology, and project "
                "cooperation needs, and be able to provide suitable remuneration and working "
                "conditions for the introduced talent."
            ),
            _req(
                "In order to encourage and support the introduced talents, {city} City has "
                "established support policies in {policy_count} areas. These policies include "
                "{policy_list}."
            ),
            _opt(
                "With this flexible talent introduction initiative, {city} City aims to create a new "
                "highland for talent gathering. By attracting and retaining high-quality "
                "professionals, {city} hopes to systematically promote the high-quality development "
                "of the city and establish itself as a leading {city_rank}."
            ),
        ),
        Style(date_stamp=True, byline=True),
    ),
    SeedTemplate(
        "heilongjiang",
        (
            _req(
                "SCIO press conference on striving to break new ground in high-quality development "
                "and sustained revitalization of {province}",
                "{media}:",
                "We have noticed that in {year_m2}, {province} introduced the [[60|measures]] measures "
                "for talent revitalization in the new era. Could you please tell us what changes "
                "these policies have brought about in terms of attracting and retaining talent in "
                "{province}? What further steps will be taken to consolidate the talent foundation "
                "for high-quality development? Thank you.",
                "{person}:",
                "Thank you for your interest in talent revitalization. This question goes to "
                "Mr. {person2_surname}.",
                "{person2}:",
                "Thank you for your concern and support for talent revitalization in {province}. "
                "Talent is the key to {province}'s revitalization. Therefore, we have consistently "
                "adhered to the principle that talent is our most valuable resource and have "
                "introduced a series of concrete measures.",
            ),
            _opt(
                "First, we have advanced efforts to implement active and effective talent "
                "revitalization policies. As mentioned, we have formulated and implemented the "
                "[[60|measures]] Measures for Talent Revitalization in {province} in the New Era, "
                "along with a series of supporting policies. These policies are active, open, and of "
                "high value and quality, leading to positive results. The governor noted that our "
                "overall talent pool is expanding, with a significant increase in the number of "
                "high-end talents introduced into the {prov_kind}. Moreover, while there was "
                "previously a net outflow of individuals with senior professional titles from "
                "universities, this trend reversed last year, resulting in a new influx of such "
                "talent. Additionally, both the number of college graduates opting to remain in the "
                "{prov_kind} and the number of those coming here for employment reached a "
                "[[five]]-year high, signaling a promising trend of talent returning to and staying "
                "in {province}."
            ),
            _opt(
                "Second, we have made every effort to build a platform for talent development that "
                "enables talented people to unleash their full potential. As we all know, "
                "{university} is one of the best universities for {field}. We have fully leveraged "
                "our professional expertise in this regard, and integrated various resources and "
                "production factors to give full support for the university to accelerate "
                "commercialization of their research findings in {field}. Substantial results have "
                "been achieved. I would like to take two companies here as an example. {company} has "
                "achieved breakthroughs in {feat1}, and {company2} has realized {feat2}. Such "
                "accomplishments are not easy to achieve. Through these industries and platforms, we "
                "have attracted a large number of {field} professionals and other related "
                "professionals to the {prov_kind}. Next, we will make sustained efforts in creating "
                "suitable jobs and building favorable platforms to better help talented people "
                "settle here."
            ),
            _opt(
                "Third, we have intensified efforts to launch key talent programs. In order to "
                "support talent development with good faith and money, we have set up special funds "
                'financed by the {prov_adj} government to implement the "{goose}" talent support '
                "plan, actively recruiting scientists and technologists who are able to organize and "
                "lead scientific research and who have extensive influence in relevant industries "
                "and fields, and giving them greater autonomy in their technical routes and their "
                "team recruitment and staffing. Meanwhile, we have vigorously implemented a training "
                'program for outstanding engineers, steadily promoted the "Skilled Personnel in '
                '{province}" initiative, and continued to carry out activities such as the '
                '"{province} Talent Week." We are accelerating the establishment of a supporting '
                "system for talent programs and projects covering all key sectors and areas. Last "
                "year, highly skilled personnel reached [[825,000]] in the {prov_kind}, accounting "
                "for [[31.7%]] of the entire skilled workforce."
            ),
            _opt(
                "Fourth, we have jointly fostered a nurturing environment for talent in "
                "{province_full}, satisfying the needs of local talent and attracting talented "
                "people from afar. We have continuously improved a systematic mechanism to ensure "
                "services and support for talent, carried out tiered accreditation for high-level "
                "talent, and issued {province} Talent Cards that offer [[24]] exclusive services in "
                "[[seven]] areas including children's education, medical examination and treatment, "
                "and transportation, relieving the worries of high-level talent. Meanwhile, we have "
                "attached great importance to the discovery, cultivation and use of various talented "
                "people, such as people with vocational skills and local talented people, making it "
                "common practice throughout the {prov_kind} to identify gifted individuals, value "
                "them, respect them and put them to good use."
            ),
            _opt(
                "I would like to take this opportunity to invite talented people from all over the "
                "world to join us in building and developing {province}. Here, you and the "
                "{prov_kind} will contribute to each other's success and create a better future "
                "together. Thank you."
            ),
        ),
        Style(header=_HEADER_CHINA_ORG, footer=_FOOTER_CHINA_ORG),
    ),
    SeedTemplate(
        "zhejiang",
        (
            _req(
                "Interpretation of the policy initiatives for the optimization of talent service in "
                "{Province_full} to create a hotter talent highland",
                "When the consensus of talents leading development is gradually formed, the "
                "attraction of a city is more reflected in the invisible talent ecological "
                "environment. On {month} {day}, {province} held a special press conference featuring "
                "the theme of no end to optimizing talent services to introduce a series of new "
                "policies and new measures. How to service talents? How to adapt to the change of "
                "the structure of talent demand? with these questions in mind, the reporter "
                "interviewed the relevant person in charge of the Talent Office of {committee}.",
            ),
            _opt(
                "More accurate: digital transformation\n\nOn the same day, the “{province} Talent "
                "Service Platform” was officially launched, which attracted close attention from "
                "the public.",
                "This website is divided into {section_count} sections: {section_list}. The reporter "
                "found that the content and function of this website can be described as “thinking "
                "about what they think about and helping them when they are in difficulty” for both "
                "the talent and the enterprise.",
                "The website aggregates [[360]] major talent policies at the {prov_adj}, city and "
                "county levels, and “sows out” more than [[10,000]] “dry goods”, which improves the "
                "accuracy of information symmetry. Users can quickly search for the required "
                "policies and compare talent policies across regions. Enterprises can also "
                "accurately find the talents they need through the setting of majors, diplomas, and "
                "working years. At the same time, more than [[120]] domestic and international "
                "high-quality talent projects and entrepreneurial projects on the website have "
                "created a linking platform for talents, projects and capital.",
                "This is still a deepening of the “{reform}” Reform in the talent field. This "
                "platform can realize [[14]] {prov_adj}-level talent services, such as the "
                "confirmation of the benefits of high-level talents of the {prov_adj} and "
                "departmental units in the same city, the verification and printing of electronic "
                "certificate of senior professional titles, and the application for the passenger "
                "vehicles for overseas students, and carry out the online application, online "
                "selection of experts and online reviews for the talent projects including the "
                "{prov_adj} “{talent_program}”.",
                "Great efforts are made to start with the things about which people are most "
                "concerned and make rectification in the services with which people are most "
                "dissatisfied. According to the relevant person in charge of the Talent Office of "
                "{committee}, this platform has initially realized the online view of talent "
                "policies, the online services of personal matters, the online exhibition of talent "
                "projects, the online search for talent demand, and the online submission of "
                "application for talent programs, and this platform will be further improved "
                "continuously in terms of its various functions by focusing on the needs of users "
                "and on the “pinching points” and “blocking points” of talent services.",
            ),
            _opt(
                "More extensive: “a round of chess” across the whole {prov_kind}\n\nIn {province}, a "
                "space called “talent enclave” for mass entrepreneurship has become another "
                "“battlefield” for the planning of upgrading the industries in various localities.\n\n"
                "“This is ‘a round of chess’ across the whole {prov_kind} that is not limited by the "
                "regional restrictions.” The relevant person in charge of the Talent Office of "
                "{committee} believes that under the broader perspective of talents, the integration "
                "of talent services in this {prov_kind} has already begun to bring benefits, “For "
                "example, {city3} Overseas Returnees Entrepreneurship Park, which was settled in "
                "{city} {district2} Science and Technology City in {past_year}, not only realizes "
                "“the same treatment in the same city” for the settled enterprises, but also returns "
                "the taxes paid by the enterprises and individuals to {city3} in full amount.”",
                "Efforts have also been made in resource sharing. Recently, {city} and {city2} have "
                "issued relevant opinions on serving the development of talents in the whole "
                "{prov_kind}. {city} will build the {province} Talent Building in areas with easy "
                "access to convenient transportation and complete public facilities, such as the "
                "{district2} Science and Technology City. {city2} will plan and deploy the "
                "construction of {province} Innovation Center in {district} Science and Technology "
                "Grand Corridor, which will be used for the construction of the R&D headquarters and "
                "innovation centers for the enterprises from other cities in {province}, and at the "
                "same time, share high-quality public service resources with these enterprises.",
                "If the measures adopted by the two cities of {city} and {city2} have accelerates the "
                "layout of serving the whole {prov_kind} on the basis of the comprehensive capacity "
                "of these two cities, the {region} Science and Innovation Open Air Performing Center "
                "in {city4} is one of the key moves to the development of integration of talents in "
                "the {region}. Recently, this center has been officially launched in the First "
                "Comprehensive {region} Global Science and Innovation Project Open Air Performance, "
                "and released the global IP of the Open Air Performing Center through global "
                "connection. In the next [[three]] years, [[300]] high-level roadshows will be put "
                "on stage here, with more than [[10,000]] participants in offline activities, more "
                "than [[1]] million online viewers, more than [[10,000]] high-quality project "
                "resources to be put into the databank, and more than [[200]] investment "
                "institutions to sign up for this databank, thus injecting more vigor and vitality "
                "into talent services.",
            ),
            _opt(
                "More complete: “attaching great importance to” details\n\n“Favorable environment "
                "attracts talents and makes causes flourishing.” Applying these words into the "
                "policies and steps for the optimization of talent services is the attraction of a "
                "large platform and a broad career space, and it is also the sincerity of the new "
                "political and business relationship and meticulous services.",
                "“We always take services as the core competitiveness, and we are committed to "
                "provide service by all employees, in all aspects, and during the whole process.” "
                "The relevant person in charge of the Talents Affairs Office of {committee} "
                "introduced that in recent years, the benefits have gradually been brought about by "
                "the policies formulated and implemented in terms of solving the minor problems of "
                "“housing, vehicles, children, and banknotes” that talents care most about and the "
                "system of party and government leaders contacting and serving experts established "
                "at the {prov_adj}, city and county levels: in {prev_year}, the number of newly "
                "introduced college students increased by [[35%]] compared with that in the previous "
                "year, and the net inflow rate of the middle and high-end talents in {city} and "
                "{city2} ranks first and second respectively in the whole country ...",
                "{province} will continue to seek development in respect to “the service chain "
                "extending from introducing talents to making talents achieved”. In order to "
                "stimulate the enthusiasm and creativity of market participants, this {prov_kind} "
                "will give full play to the advantages of the developed private economy, set up a "
                "listing service alliance for talent enterprises in {Province_full}, integrate the "
                "powers of banks, brokers, funds, and trading markets, select a group of talent "
                "enterprises each year as key service targets according to the maturity of the "
                "listing conditions of enterprises to introduce government policy resources and "
                "market element resources, and promote more talent enterprises to fully connect "
                "with multi-layer capital markets and to accelerate development.",
                "{Province_full} will implement all aspects related to the allocation of resource "
                "factors for the whole cycle of talents’ entrepreneurship. For example, the launch "
                "of the “{bank_product}” and the creation of a series of products including “talent "
                "card”, “talent loan” and “talent benefit”, will be designed to improve the public "
                "service function of the human resources service industry park; a batch of the "
                "“{academy_home}” with academic leave, exchanges and seminars, projects and other "
                "functions will be established and the “Youth Talents’ Trip to {province}” campaign "
                "will be actively carried out.",
                "In response to the trend of the increasing influx of overseas talents, {province} "
                "will focus on building an “overseas-like” living environment in terms of the "
                "convenience of exit and entry for overseas talents, the comfort of living services "
                "for international talents, and the procedure of issuing work permits for foreign "
                "talents in China.",
            ),
        ),
        Style(header="Home>Hot News\nEyesight Protection:", footer="print】 【close"),
    ),
    SeedTemplate(
        "liangjiang",
        (
            _req(
                "{CITY}, China, {mon_abbr} {day}, {year} /PRNewswire/ -- From {event_span}, the "
                "{city} Talents Conference {year} will be held in {compass} China's {city} "
                "{district} New Area. Heavyweight domestic and foreign guests from political, "
                "business, science and technology, education, medicine and health, and financial "
                "circles will attend the event. More than [[30,000]] domestic and foreign high-end "
                "talents, university graduates, project team representatives and other talents will "
                "join online to discuss development plans and share cooperation opportunities."
            ),
            _opt(
                "As the permanent host place and one of the main organizers of the conference, "
                "{district} New Area is pushing forward inland opening-up and {city} smart city "
                "construction. A number of innovation platforms, such as {district} Collaborative "
                "Innovation Zone, {district2} Smart Park, {district3} International Exhibition City "
                "and {district} Digital Economy Industrial Park, are gaining spotlight. In the first "
                "three quarters of this year, the district's GDP increased by [[6.7%]]; its "
                "industrial added value increased by [[12.1%]]; its actual utilization of foreign "
                "capital reached [[2.1]] billion US dollars, and the contracted value in attracting "
                "investment exceeded [[100]] billion yuan. At the first press conference of {city} "
                "Talents Conference {year}, {person}, deputy secretary of the CPC Committee of "
                "{district} New Area, said that these indicators show that the area is becoming a "
                "hot land for global and national investment, a fertile land for entrepreneurship "
                "and a happy land for life."
            ),
            _req(
                "In order to recruit talents, in {month_b} last year, {district} New Area issued "
                "guidelines to leverage the power of talents to boost the area's high-quality "
                "development. {doc_count} supporting policy documents for the introduction and "
                "training of {doc_list} were rolled out, with [[ten|articles]] related articles to "
                "form a sound talent policy system. The [[ten|articles]] articles have achieved full "
                "coverage of policies to serve talents from academicians and experts to craftsmen. "
                "High-level talents and project teams can receive a maximum of [[30]] million yuan "
                "of subsidy, first-class scientists and teams can receive a maximum of [[100]] "
                "million yuan, while outstanding graduates with bachelor's degree or above "
                "recognized by enterprises can also enjoy a resettlement subsidy of [[10,000]] yuan."
            ),
            _opt(
                'In {month_a} this year, the offline platform of "{district} {hub}", an important '
                "carrier to serve talents, innovation and entrepreneurship in the New Area, was "
                "officially put into operation. The platform is led by the government, participated "
                "by enterprises and operated jointly. It integrates one-stop services, talent "
                "introduction and education and innovation and entrepreneurship incubation, so that "
                "talents can enjoy convenient access to handle affairs, seek development and address "
                "concerns."
            ),
            _opt(
                "In the next [[two]] years, the demand for talents in key industries such as "
                "{industry_list} in {district} New Area will exceed [[90,000]]. At the press "
                "conference, {person_surname} said that in order to build an inland open portal and "
                "a smart city in {city}, {district} New Area is more eager for talents than ever "
                "before. The area will stay magnetic to attract talents from all over the world to "
                "pool their wisdom in {district} to share a rosy future.",
                "For more details, please visit: http://www.{district_domain}.gov.cn.",
            ),
        ),
        Style(date_stamp=True, source="wire"),
    ),
    SeedTemplate(
        "chunan",
        (
            _req(
                '{district} County of {city} adopts the "{method}" to give full play to the '
                "strength of overseas Chinese, carry out the work of attracting overseas talents, "
                "stimulate the vitality of innovation, cultivate the momentum of development, and "
                "provide talents and intelligence support for the construction of the special "
                "ecological functional zone.",
                "One is to establish a mechanism of love. We should optimize the working mechanism "
                "of leading groups, establish a quarterly meeting system for talents, fully match "
                "and strengthen the working force of talents, and specify specific leaders and "
                'personnel service liaison personnel. Guided by the "baton", it has made efforts to '
                "the key areas, included the talent work into the annual target assessment, defined "
                "the responsible departments and responsible persons, established the work list, "
                'and actively implemented the "five ones" of talent work, that is, there are '
                "organizations, teams, funds, activities and platforms. It has held [[6]] joint "
                "meetings, held [[16]] training sessions on talent work, and set up [[7]] working "
                "teams. We will strive to build a new pattern of personnel work, and achieve the "
                "same resonance between personnel work and economic development.",
            ),
            _opt(
                "Second, smooth access to talent. Combined with the industrial development planning "
                "and policies of {district} County, it focuses on promoting {project_list} and other "
                'projects, so as to do a good job in the article "attracting talents with overseas '
                'Chinese and attracting talents with emotion". We give full play to the role of '
                "overseas talent intelligence network and overseas associations, interact with "
                "well-known overseas scientists' associations and overseas Chinese in "
                "{overseas_regions} for many times, seek a group of people who are enthusiastic "
                "about the economic and social development of their hometown, and make a "
                "matchmaking for the extensive recruitment of overseas talents, capital, projects "
                "and technologies. Up to now, it has perfected [[5]] policies on talent, held [[3]] "
                "talent promotion meetings and [[3]] policy consultation meetings. At the same time, "
                "do a good job in the collection, storage and custody of overseas talents data, and "
                "do a good job in the recommendation and consulting services for the introduction "
                "of talents in various units."
            ),
            _req(
                "Third, build a recruitment platform. We will further conserve overseas Chinese "
                "affairs resources, and provide a source of fresh water for talent introduction by "
                "connecting with overseas associations, overseas Chinese and overseas Chinese "
                "businessmen. In {country}, {country2} and other places where there are relatively "
                "large numbers of overseas Chinese living in {district}, I established [[2]] talent "
                "liaison stations and [[8]] talent contact points. I served as the overseas Chinese "
                'leader of {district} County as the overseas "talent attraction ambassador", and '
                "made a connection for overseas Chinese groups and overseas Chinese to implement "
                "investment and property projects in their hometowns."
            ),
            _opt(
                "Fourth, the release of talent effect. By holding talent project promotion "
                "meetings, inspection and exchange meetings, and keep close contact with overseas "
                "Chinese. This year, we have successfully introduced signed projects with a total "
                "investment of [[500]] million yuan, and promoted [[12]] overseas high-level talents "
                "to come to {district} and [[4]] overseas teams. Cooperated with overseas Chinese "
                "enterprises to attract talents and wisdom, and reached a total of [[16]] signed "
                "projects of school-enterprise cooperation, enterprise-enterprise cooperation and "
                "enterprise-village cooperation. At present, {fcity} {city} Association of "
                "{fcountry}, {city} {brand} Health Management Co., Ltd. and {district} County "
                "{herb} Chinese medicinal Materials Project have signed an agreement, which has "
                "become the practical experience sample of overseas talent attracting work."
            ),
        ),
        Style(source="bracket"),
        sep="\n",
    ),
)

# ----------------------------------------------------------------------------------------------
# Sentence bank
# ----------------------------------------------------------------------------------------------

HEADLINES = (
    "{place} launches new measures to attract high-level talents",
    "{place_short} unveils talent card and resettlement subsidies for graduates",
    "{place_short} Talent Week draws thousands of graduates and experts",
    "{place_short} builds talent enclave and overseas liaison stations",
    "Talent policies help {place_short} attract college graduates",
    "{place} optimizes talent services to create a talent highland",
    "{place_short} rolls out flexible talent introduction for {year}",
    "{place_short} offers subsidies of up to [[50]] million yuan to top talent teams",
)

# Each lede and topic paragraph is a tuple of sentences: the first is always kept.
LEDES: tuple[tuple[str, ...], ...] = (
    (
        "{place} has unveiled a new package of measures to attract high-level talents, according "
        "to a press conference held on {date_long}.",
        "The package covers talent introduction, training, evaluation, incentives and services.",
        "Officials said the measures are designed to make {place_short} a new highland for talent "
        "gathering in the {region}.",
    ),
    (
        "{place} will roll out its {ordinal} batch of flexible talent introduction programmes "
        "this {season}, the local talent office announced.",
        "The programme focuses on {industry_count} key industries, including {industry_list}.",
        "Employers registered in {place_short} can apply online through the talent service "
        "platform until the end of {next_month}.",
    ),
    (
        "On {month} {day}, {place} held a special press conference on optimizing talent services "
        "and introduced a series of new policies and measures.",
        "{person}, {title} of {place_short}, said the new policies respond to the changing "
        "structure of talent demand in the {region}.",
    ),
    (
        "The {year} {place_short} Talent Week opened on {month} {day}, drawing more than "
        "[[3,000]] high-end talents, university graduates and project team representatives.",
        "Guests from political, business, science and technology, education and financial circles "
        "attended the opening ceremony.",
        "More than [[20,000]] people joined the events online.",
    ),
    (
        "{place} has issued guidelines on building a talent-friendly city in the {region}, with "
        "[[32]] measures covering housing, education, medical care and entrepreneurship.",
        "The guidelines were drafted by the talent office of {place_short} after months of "
        "consultation with enterprises and universities.",
    ),
    (
        "Talent is the key to development, {person}, {title} of {place_short}, said at a press "
        "conference on {date_long}, as {place} announced a new round of talent policies.",
        "The new round includes [[eight]] supporting documents and a special fund of [[200]] million yuan.",
    ),
)

TOPICS: dict[str, tuple[tuple[str, ...], ...]] = {
    "eligibility": (
        (
            "Applicants must hold a bachelor's degree or above and be under the age of {max_age}, or "
            "hold a senior professional title.",
            "Employers must be registered in the administrative area of {place_short}, have "
            "independent legal person qualifications and be in good operation.",
            "Flexibly introduced talents are expected to work in {place_short} for at least "
            "{months_a_year} months a year.",
            "Applicants should also have good professional ethics, the physical condition to carry "
            "out their work and appropriate social insurance coverage.",
        ),
        (
            "To qualify, enterprises, public institutions and scientific research institutes must "
            "have clear technology and project cooperation needs.",
            "They must be able to provide suitable remuneration and working conditions for the "
            "introduced talent.",
            "Retired experts under the age of {retire_age} may also apply through part-time service or "
            "retirement re-employment.",
        ),
    ),
    "subsidies": (
        (
            "High-level talents and project teams can receive a maximum of [[20]] million yuan of "
            "subsidy, while top-tier scientists and their teams can receive up to [[80]] million "
            "yuan.",
            "Enterprises that introduce urgently needed talents will be rewarded with up to "
            "[[200,000]] yuan.",
            "The government of {place_short} has set aside a special fund of [[500]] million yuan "
            "for talent development each year.",
        ),
        (
            "Newly introduced doctoral graduates will receive a one-off living allowance of "
            "[[50,000]] yuan, and master's graduates [[30,000]] yuan.",
            "Talents who buy their first home in {place_short} can receive a housing subsidy of up "
            "to [[300,000]] yuan.",
            "Teams that bring major projects to {place_short} can apply for start-up funding of up "
            "to [[5]] million yuan.",
        ),
    ),
    "graduates": (
        (
            "Fresh graduates with a bachelor's degree or above who settle in {place_short} can "
            "apply for a resettlement subsidy of [[8,000]] yuan.",
            "College graduates can live for free in talent apartments for up to [[two]] years.",
            "More than [[120]] enterprises will offer internships for college students under the "
            '"Youth Talents\' Trip to {place_short}" campaign.',
            "Last year, the number of college graduates choosing to stay in {place_short} rose by [[18%]].",
        ),
        (
            "{place_short} will hold [[40]] campus recruitment events at universities across the "
            "country this year.",
            "Graduates who find jobs in key industries will receive a monthly living allowance of "
            "[[1,500]] yuan for [[three]] years.",
            "The number of newly introduced college students reached [[26,000]] last year, a "
            "[[five]]-year high.",
        ),
    ),
    "talent_card": (
        (
            "{place_short} will issue Talent Cards to high-level talents, offering [[20]] exclusive "
            "services in [[six]] areas including children's education, medical treatment and "
            "transportation.",
            "Holders of the talent card can enjoy green-channel services at [[45]] designated hospitals.",
            "So far, [[1,260]] talent cards have been issued.",
        ),
        (
            "A tiered accreditation system for high-level talent has been set up, and talents of "
            "each tier receive a talent card with matching benefits.",
            "The card also gives access to talent loans of up to [[3]] million yuan through the "
            '"{bank_product}".',
            "Card holders can register their children at schools near their homes and receive "
            "annual health examinations.",
        ),
    ),
    "platform": (
        (
            "The {place_short} Talent Service Platform, launched on {month_a} {day_a}, brings "
            "together [[280]] talent policies at the {prov_adj}, city and county levels.",
            "The platform is divided into {section_count} sections: {section_list}.",
            "Through the platform, [[12]] talent services, including the verification of senior "
            "professional titles and the application for talent housing, can be handled online.",
            "Enterprises can search for the talents they need by major, diploma and working years.",
        ),
        (
            'A one-stop talent service center, the "{district} {hub}", was put into operation in {month_a}.',
            "It integrates talent introduction, policy consultation and entrepreneurship "
            "incubation, so that talents can handle affairs in one place.",
            "The center has handled more than [[6,800]] applications since it opened.",
        ),
    ),
    "enclave": (
        (
            "{place_short} has set up a talent enclave in {city2}, allowing local enterprises to "
            "recruit researchers who live and work in the bigger city.",
            "Talents working in the enclave enjoy the same treatment as those working in "
            "{place_short}, and taxes paid by the enterprises there are returned to {place_short} "
            "in full.",
            "So far, [[23]] enterprises have settled in the enclave, which covers [[12,000]] square meters.",
            "The enclave model has become an important way for {place_short} to make up for its "
            "shortage of high-end talents.",
        ),
        (
            'Through "enclave" talent introduction, enterprises in {place_short} can set up R&D '
            "centers in {city2} and other cities while registering their output at home.",
            "The {city2} {district2} Innovation Center has reserved [[8,000]] square meters of "
            "office space for such R&D teams.",
            "[[15]] R&D centers have moved in since {month_a}.",
        ),
    ),
    "liaison": (
        (
            "{place_short} has established [[three]] overseas talent liaison stations in {country} "
            "and {country2}, and [[nine]] talent contact points across the world.",
            "Overseas Chinese leaders were appointed as talent attraction ambassadors to recommend "
            "projects and talents to their hometown.",
            "This year, the liaison stations helped to introduce [[15]] overseas high-level talents "
            "and [[five]] overseas teams.",
        ),
        (
            "Working with overseas Chinese associations in {overseas_regions}, {place_short} has "
            "held [[four]] talent promotion meetings abroad.",
            "A liaison station in {fcity} has signed cooperation agreements with [[six]] local universities.",
            "Signed projects introduced through overseas Chinese reached a total investment of "
            "[[800]] million yuan.",
        ),
    ),
    "talent_week": (
        (
            "The {place_short} Talent Week, held every {month}, has become a brand event for "
            "talent exchange.",
            "During this year's talent week, [[260]] enterprises offered more than [[8,500]] jobs, "
            "and [[46]] projects were signed with a total investment of [[3.2]] billion yuan.",
            "More than [[20,000]] people joined the activities online.",
        ),
        (
            "A talents conference will be held in {place_short} from {event_span}.",
            "More than [[500]] experts, entrepreneurs and investors are expected to attend, and "
            "[[120]] high-level roadshows will be staged.",
            "The conference will also release the {year} talent demand catalogue of {place_short}.",
        ),
    ),
    "stats": (
        (
            "In the first three quarters of this year, the GDP of {place_short} grew by [[5.8%]], "
            "while its industrial added value increased by [[9.4%]].",
            "Its actual use of foreign capital reached [[1.3]] billion US dollars, and the "
            "contracted value of investment exceeded [[60]] billion yuan.",
            "Officials said the figures show that {place_short} is becoming a fertile land for "
            "entrepreneurship.",
        ),
        (
            "The talent pool of {place_short} has reached [[1.16]] million people, of whom highly "
            "skilled personnel account for [[28.4%]].",
            "The net inflow of college graduates hit a [[five]]-year high last year.",
            "The number of people holding senior professional titles increased by [[7.5%]].",
        ),
    ),
    "demand": (
        (
            "In the next [[three]] years, demand for talents in key industries such as "
            "{industry_list} in {place_short} will exceed [[60,000]].",
            "To meet the demand, {place_short} will strengthen cooperation with universities and "
            "vocational colleges.",
            "A training program for outstanding engineers will train [[2,000]] engineers by {next_year}.",
        ),
    ),
    "programme": (
        (
            'Under the "{goose}" talent support plan, {place_short} will select [[50]] leading '
            "scientists each year and give them greater autonomy in their technical routes and team "
            "recruitment.",
            'The {prov_adj} "{talent_program}" will also support [[100]] young talents with '
            "research funding of [[500,000]] yuan each.",
            'A batch of "{academy_home}" will be set up for academic exchanges and seminars.',
        ),
        (
            '{place_short} has launched the "{goose}" program to attract young scientists and '
            "technologists under the age of {young_age}.",
            "Selected talents receive a research grant of [[1]] million yuan and priority in "
            'applying for the "{talent_program}".',
        ),
    ),
}
QUOTES: tuple[tuple[str, ...], ...] = (
    (
        '"We will take services as the core competitiveness and make every effort to solve the '
        "problems of housing, children's education and medical care that talents care most "
        'about," said {person}, {title} of {place_short}.',
        "{person_surname} added that {place_short} is more eager for talents than ever before.",
    ),
    (
        '"Talent is our most valuable resource," said {person}, {title} of {place_short}.',
        '"We invite talented people from all over the world to join us and share a rosy future."',
    ),
)
CLOSINGS = (
    "{place_short} invites talented people from all over the world to join in its development.",
    "The measures will take effect on {month_a} 1, {next_year}.",
    "For more details, please visit: http://www.{domain}.gov.cn.",
)
_MAKERS.update(
    {
        "next_year": lambda s, key: str(s.when.year + 1),
        "district_domain": lambda s, key: re.sub(r"[^a-z]", "", s["district"].lower()),
    }
)

# ----------------------------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------------------------

_START = date(2015, 1, 1).toordinal()
_SPAN = date(2025, 12, 31).toordinal() - _START + 1


def _words(text: str) -> int:
    """Whitespace-separated word count."""
    return len(text.split())


def _random_style(rng: random.Random, dateline: bool) -> Style:
    """Trappings for an article that does not copy a seed's own."""
    roll = rng.random()
    source = "wire" if roll < 0.17 else "bracket" if roll < 0.34 else ""
    header = footer = ""
    if rng.random() < 0.06:
        header, footer = rng.choice(
            (
                (_HEADER_CHINA_ORG, _FOOTER_CHINA_ORG),
                ("Home>Hot News\nEyesight Protection:", "print】 【close"),
                ("", "Follow {site} on Twitter and Facebook to join the conversation."),
                ("Print E-mail", "<  1  2  3  4  5  >"),
            )
        )
    return Style(
        date_stamp=rng.random() < 0.35,
        dateline=dateline and rng.random() < 0.15,
        byline=rng.random() < 0.25,
        source=source,
        header=header,
        footer=footer,
    )


def _sentences(s: Slots, sentences: tuple[str, ...], keep: float = 0.8) -> str:
    """The first sentence and a random selection of the rest, filled and joined."""
    chosen = [sentences[0]] + [x for x in sentences[1:] if s.rng.random() < keep]
    return " ".join(s.fill(x) for x in chosen)


def _fit(
    rng: random.Random, counts: list[int], units: list[list[int]], budget: int, variety: float
) -> set[int]:
    """Indices to drop: whole units at random, then as needed to stay within ``budget`` words."""
    total = sum(counts)
    dropped: set[int] = set()
    order = units[:]
    rng.shuffle(order)

    def saving(unit: list[int]) -> int:
        return sum(counts[i] for i in unit if i not in dropped)

    for unit in order:
        if rng.random() < variety and total - saving(unit) >= MIN_WORDS + 40:
            total -= saving(unit)
            dropped.update(unit)
    for unit in order:
        if total <= budget:
            break
        if total - saving(unit) >= MIN_WORDS + 20:
            total -= saving(unit)
            dropped.update(unit)
    return dropped


def _seed_body(s: Slots, template: SeedTemplate, budget: int) -> list[str]:
    """A seed template's paragraphs, filled and trimmed to ``budget`` words."""
    paragraphs: list[str] = []
    units: list[list[int]] = []
    for group in template.groups:
        first = len(paragraphs)
        paragraphs.extend(s.fill(text) for text in group.paragraphs)
        if not group.required:  # the whole group, or any paragraph after its first
            units.append(list(range(first, len(paragraphs))))
            units.extend([i] for i in range(first + 1, len(paragraphs)))
    dropped = _fit(s.rng, [_words(p) for p in paragraphs], units, budget, variety=0.15)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _bank_body(s: Slots, budget: int) -> list[str]:
    """A headline, lede and topic paragraphs from the bank, trimmed to ``budget`` words."""
    rng = s.rng
    paragraphs: list[str] = []
    if rng.random() < 0.5:
        paragraphs.append(s.fill(rng.choice(HEADLINES)))
    paragraphs.append(_sentences(s, rng.choice(LEDES)))
    fixed = len(paragraphs)
    topics = list(TOPICS)
    rng.shuffle(topics)
    wanted = rng.randint(3, 6)
    for topic in topics:
        if len(paragraphs) - fixed >= wanted and sum(map(_words, paragraphs)) >= MIN_WORDS + 30:
            break
        paragraphs.append(_sentences(s, rng.choice(TOPICS[topic])))
    if rng.random() < 0.5:
        paragraphs.append(_sentences(s, rng.choice(QUOTES)))
    if rng.random() < 0.4:
        paragraphs.append(s.fill(rng.choice(CLOSINGS)))
    units = [[i] for i in range(fixed, len(paragraphs))]
    dropped = _fit(rng, [_words(p) for p in paragraphs], units, budget, variety=0.0)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _decorate(s: Slots, body: list[str], style: Style, sep: str) -> str:
    """The body with the style's stamp, dateline, attribution and boilerplate around it."""
    lines = body[:]
    if style.dateline:
        lead = 1 if len(lines) > 1 and not lines[0].rstrip().endswith(".") else 0
        wire = s.rng.choice(
            (
                f"{s['CITY']}, China, {s['mon_abbr']} {s['day']}, {s['year']} /PRNewswire/ -- ",
                f"{s['city']}, {s['month']} {s['day']} (Xinhua) -- ",
            )
        )
        lines[lead] = wire + lines[lead]
    if style.header:
        lines.insert(1 if lines[0].startswith("SCIO") else 0, s.fill(style.header))
    if style.byline:
        lines.append(f"This news article was written by {s['person9']} for {s['outlet']}.")
    if style.source == "wire":
        lines.append(f"SOURCE {s['source']}")
    elif style.source == "bracket":
        lines.append(f"[Source: {s['source']}]")
    if style.footer:
        lines.append(s.fill(style.footer))
    text = sep.join(lines)
    if style.date_stamp:
        text = f" date {s.when.isoformat()} {text}"
    return text + "\n"


def article(seed: int, index: int) -> str:
    """The text of look-alike article ``index`` for ``seed``."""
    rng = random.Random(f"lookalikes:{seed}:{index}")
    s = Slots(rng, date.fromordinal(_START + rng.randrange(_SPAN)))
    budget = rng.randint(260, MAX_WORDS - 60)
    if rng.random() < 0.5:
        template = rng.choice(SEED_TEMPLATES)
        style = template.style if rng.random() < 0.7 else _random_style(rng, dateline=False)
        body = _seed_body(s, template, budget)
        sep = template.sep
    else:
        style, sep = _random_style(rng, dateline=True), "\n\n"
        body = _bank_body(s, budget)
    return _decorate(s, body, style, sep)


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``(filename, text)`` for ``n`` look-alike articles, deterministically."""
    for index in range(n):
        yield f"lookalike_{index:06d}.txt", article(seed, index)


def write(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` look-alike articles into ``out_dir`` as UTF-8 files and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, text in generate(n, seed):
        path = out_dir / name
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m assistant.evaluation.lookalikes OUT_DIR --n 2000 --seed 0``."""
    parser = argparse.ArgumentParser(
        prog="python -m assistant.evaluation.lookalikes",
        description="Write seeded look-alike distractor articles for retrieval evaluations.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write lookalike_NNNNNN.txt files to")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be zero or more")
    paths = write(args.out_dir, args.n, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
